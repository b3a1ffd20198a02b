package io.stepwise.task.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP task ({@code stepwise.http.*}).
 *
 * @param connectTimeout how long opening a TCP (and TLS) connection may take; past it the task fails
 *     with {@code States.Http.Socket}
 * @param requestTimeout the per-request timeout of a Task state without TimeoutSeconds (AWS caps every
 *     HTTP task at 60 s); past it the task fails with {@code States.Timeout}
 * @param maxResponseSize a larger response body fails the task with {@code States.DataLimitExceeded}
 *     before it is read into memory (a state's output is capped at 256 KiB anyway)
 * @param maxConcurrentRequests how many requests this replica's HTTP tasks have in flight at once, over
 *     all hosts; more tasks wait for a turn. It bounds the open connections too: the JDK client's pool
 *     keeps its idle connections in a list it walks on every return, which cost 16 % of the CPU with
 *     1,024 connections to one host
 * @param allowedHosts the hosts an HTTP task may call; empty (the default) allows any host. An entry
 *     {@code *.example.com} allows every subdomain of example.com. Matching ignores case and port
 * @param connections the connections {@code Authentication.ConnectionArn} may name, by name
 */
@ConfigurationProperties("stepwise.http")
public record HttpTaskProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("1MB") DataSize maxResponseSize,
        @DefaultValue("128") int maxConcurrentRequests,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue Map<String, HttpConnectionProperties> connections) {
}
