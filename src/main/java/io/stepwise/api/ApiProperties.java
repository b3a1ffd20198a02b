package io.stepwise.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the REST API ({@code stepwise.api.*}).
 *
 * @param maxInputBytes      the largest execution input or TestState input, as UTF-8 JSON; AWS's limit
 *                           is 256 KiB
 * @param maxDefinitionBytes the largest state machine definition; AWS's limit is 1 MiB
 * @param region             the region shown in the ARNs of TestState's generated context object
 * @param accountId          the account shown there
 */
@ConfigurationProperties("stepwise.api")
public record ApiProperties(
        @DefaultValue("256KB") DataSize maxInputBytes,
        @DefaultValue("1MB") DataSize maxDefinitionBytes,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("123456789012") String accountId) {

    /** A whole request may carry a definition and an input (TestState) plus some room for the rest. */
    long maxRequestBytes() {
        return maxDefinitionBytes.toBytes() + maxInputBytes.toBytes() * 4 + 64 * 1024;
    }
}
