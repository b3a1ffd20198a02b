package io.stepwise.task;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Names one attempt of one Task state in one execution: equal for every run of that attempt (a run
 * repeated because a worker lost its lease), different for everything else, so a handler (or the
 * service it calls) may drop a request whose key it has seen. As a string:
 *
 * <pre>{@code <executionId>/<redriveCount>/<scope>/.../<state>#<visit>.<attempt>}</pre>
 *
 * e.g. {@code 0190c1e2-…/0/Charge#5.0} on the top level, or {@code 0190c1e2-…/0/Orders#3.0[7]/Charge#2.1}
 * for the first retry of {@code Charge} in item 7 of the Map {@code Orders}.
 * <ul>
 * <li>{@code visit}: the id of the event that entered the state, counted within its branch or iteration
 * (on the top level it is the {@code TaskStateEntered} event's id in the history). A Task entered again
 * (a loop through a Choice) has a larger one.
 * <li>{@code attempt}: 0 for the first try, n after n retries.
 * <li>{@code scope}: one {@code <state>#<visit>.<attempt>[<index>]} per enclosing Parallel branch or Map
 * iteration, outermost first, so iterations differ at every nesting level and a Map entered or retried
 * again starts other work.
 * <li>{@code redriveCount}: a redrive runs failed work again, under new keys.
 * </ul>
 * State names are percent-encoded where they hold {@code %}, {@code /}, {@code #}, {@code [} or
 * {@code ]}, so the string parses back unambiguously.
 */
public record IdempotencyKey(UUID executionId, int redriveCount, List<Scope> scope, String stateName, long visit,
        int attempt) {

    /** An enclosing Parallel branch or Map iteration: the state, its visit and attempt, the child index. */
    public record Scope(String stateName, long visit, int attempt, int index) {
        public Scope {
            Objects.requireNonNull(stateName, "stateName");
        }
    }

    public IdempotencyKey {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(stateName, "stateName");
        scope = List.copyOf(scope);
        if (attempt < 0 || redriveCount < 0 || visit < 0) {
            throw new IllegalArgumentException("attempt, redriveCount and visit must be >= 0: " + attempt + ", "
                    + redriveCount + ", " + visit);
        }
    }

    /** The key of a top-level Task's first visit, as a test writes it. */
    public static IdempotencyKey of(UUID executionId, String stateName, int attempt) {
        return new IdempotencyKey(executionId, 0, List.of(), stateName, 0, attempt);
    }

    /** The key as a string, ready to send as an idempotency header. */
    @Override
    public String toString() {
        StringBuilder key = new StringBuilder(64).append(executionId).append('/').append(redriveCount).append('/');
        for (Scope s : scope) {
            key.append(encode(s.stateName())).append('#').append(s.visit()).append('.').append(s.attempt())
                    .append('[').append(s.index()).append("]/");
        }
        return key.append(encode(stateName)).append('#').append(visit).append('.').append(attempt).toString();
    }

    private static String encode(String name) {
        StringBuilder encoded = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String escape = switch (c) {
                case '%' -> "%25";
                case '/' -> "%2F";
                case '#' -> "%23";
                case '[' -> "%5B";
                case ']' -> "%5D";
                default -> null;
            };
            if (escape != null && encoded == null) {
                encoded = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (encoded != null) {
                if (escape != null) {
                    encoded.append(escape);
                } else {
                    encoded.append(c);
                }
            }
        }
        return encoded == null ? name : encoded.toString();
    }
}
