package io.stepwise.task.http;

import java.util.List;

/**
 * A header that authenticates one request. Its value is secret: it is sent, never shown (the
 * handler redacts it, and the {@link #secretParts()}, wherever a response might echo them).
 *
 * @param secretParts the strings in {@code value} that must never appear in output, causes or logs
 */
record Credential(String header, String value, List<String> secretParts) {

    @Override
    public String toString() {
        return "Credential[" + header + "]"; // never the value, should one ever be logged
    }
}
