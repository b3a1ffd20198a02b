package io.stepwise.asl;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Whether a state can see the context object. Building it (four JSON objects, two timestamps) for every
 * state entered, and again when a task returns, was a fifth of what a one-Task job allocated, for
 * definitions that never look at it. The check is on the state's parsed JSON (so an escaped
 * {@code \u0024} counts like a {@code $}), nested states included, and errs towards "reads": a JSONPath
 * {@code $$} anywhere, or a JSONata {@code $states} that is not plainly {@code $states.input},
 * {@code .result} or {@code .errorOutput} ({@code $states} on its own hands over the context too).
 */
public final class ContextReads {

    private static final Pattern STATES = Pattern.compile("\\$states");
    private static final Pattern STATES_DATA = Pattern.compile("\\$states\\.(input|result|errorOutput)(?![A-Za-z0-9_$])");

    private ContextReads() {
    }

    public static boolean in(JsonNode state) {
        String text = state.toString();
        if (text.contains("$$")) {
            return true;
        }
        long mentions = STATES.matcher(text).results().count();
        return mentions > 0 && mentions != STATES_DATA.matcher(text).results().count();
    }
}
