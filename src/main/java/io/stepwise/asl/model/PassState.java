package io.stepwise.asl.model;

import tools.jackson.databind.JsonNode;

/** Pass: hands its input (or its fixed Result) on. */
public record PassState(String name, JsonNode result, Transition transition) implements State {
}
