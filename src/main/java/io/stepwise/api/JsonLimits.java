package io.stepwise.api;

import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Words for Jackson's stream limits (nesting depth 500, numbers of 1,000 digits, …): a client learns
 * which limit it met and what to change, without the name of a Jackson class.
 */
final class JsonLimits {

    private JsonLimits() {
    }

    static String detail(String what, StreamConstraintsException e) {
        String limit = e.getOriginalMessage() == null ? "" : e.getOriginalMessage()
                .replaceAll(",? from `[^`]*`", "").strip();
        if (limit.endsWith(".")) {
            limit = limit.substring(0, limit.length() - 1);
        }
        String advice = limit.contains("nesting depth")
                ? "nest arrays and objects less deeply"
                : limit.contains("Number") ? "send the number with fewer digits, or as a string" : "send less";
        return what + " is outside the limits of JSON this service reads (" + limit + "): " + advice + ".";
    }
}
