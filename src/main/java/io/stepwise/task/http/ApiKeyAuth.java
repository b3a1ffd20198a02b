package io.stepwise.task.http;

import java.util.List;

/** An API key sent in a header of its own, e.g. {@code x-api-key}. */
record ApiKeyAuth(String header, String key) implements ConnectionAuth {

    @Override
    public Credential credential() {
        return new Credential(header, key, List.of(key));
    }

    @Override
    public List<String> secrets() {
        return List.of(key);
    }

    @Override
    public String toString() {
        return "ApiKeyAuth[" + header + "]";
    }
}
