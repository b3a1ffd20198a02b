package io.stepwise.asl.jsonata;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Deterministic sources and JSON helpers shared by the JSONata tests. */
final class JsonataTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2024-01-02T03:04:05.678Z");
    static final UUID FIXED_UUID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    static final JsonataSources FIXED_SOURCES = new JsonataSources(Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.25,
            () -> FIXED_UUID);

    private JsonataTestSupport() {
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonataBindings inputBindings(String inputJson) {
        return JsonataBindings.of(json(inputJson), json("{}"), Map.of());
    }
}
