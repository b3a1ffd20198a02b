package io.stepwise.task.http;

import io.stepwise.asl.ErrorNames;
import io.stepwise.task.TaskFailure;
import java.util.List;
import java.util.Locale;

/**
 * The operator's allow-list ({@code stepwise.http.allowed-hosts}): when set, an HTTP task may call only
 * these hosts, so a definition cannot reach internal addresses. A refused call fails with
 * {@code States.Permissions}, AWS's name for a call the workflow is not allowed to make; no Retry
 * should wait for the operator to change their mind.
 */
final class AllowedHosts {

    private final List<String> entries;

    AllowedHosts(List<String> entries) {
        this.entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    boolean allows(String host) {
        if (entries.isEmpty()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : entries) {
            if (entry.startsWith("*.") ? h.endsWith(entry.substring(1)) : h.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    void check(String host) {
        if (!allows(host)) {
            throw new TaskFailure(ErrorNames.PERMISSIONS, "The host '" + host
                    + "' is not in stepwise.http.allowed-hosts; an operator must allow it.");
        }
    }
}
