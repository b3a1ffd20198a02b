package io.stepwise.asl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** One Catch rule: where a matching error goes, and what it carries there. */
public record Catcher(List<String> errorEquals, String next, String resultPath, JsonNode assign, JsonNode output) {
}
