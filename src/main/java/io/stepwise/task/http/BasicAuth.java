package io.stepwise.task.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code Authorization: Basic base64(username:password)} (RFC 7617, UTF-8). */
record BasicAuth(String username, String password) implements ConnectionAuth {

    @Override
    public Credential credential() {
        String encoded = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credential("Authorization", "Basic " + encoded, List.of(encoded, password));
    }

    @Override
    public List<String> secrets() {
        return List.of(password);
    }

    @Override
    public String toString() {
        return "BasicAuth[" + username + "]";
    }
}
