package io.stepwise.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;

/**
 * A key twice in one JSON object. Request bodies (and JSON given as strings in them) are read with
 * Jackson's strict duplicate detection: keeping the last value silently, as Jackson does by default,
 * would turn a definition with two states named alike into a machine missing one, and the key that
 * won is a guess on the client's side. The problem points at the second occurrence.
 */
final class JsonDuplicates {

    private static final String MESSAGE = "Duplicate Object property";

    private JsonDuplicates() {
    }

    static boolean isDuplicate(Throwable e) {
        return e instanceof StreamReadException read && read.getOriginalMessage() != null
                && read.getOriginalMessage().startsWith(MESSAGE);
    }

    /** The JSON pointer of the repeated key, under {@code prefix} (the field the JSON was given in). */
    static String pointer(Throwable e, String prefix) {
        if (e instanceof StreamReadException read && read.processor() instanceof JsonParser parser
                && parser.streamReadContext() != null) {
            return prefix + parser.streamReadContext().pathAsPointer().toString();
        }
        return prefix.isEmpty() ? null : prefix;
    }

    static String detail(String what, String pointer) {
        return what + " has a key twice in one object" + (pointer == null ? "" : " (the second is " + pointer + ")")
                + ": each key may appear once, so remove or rename one.";
    }
}
