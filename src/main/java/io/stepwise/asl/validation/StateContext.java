package io.stepwise.asl.validation;

import io.stepwise.asl.model.QueryLanguage;
import io.stepwise.asl.model.StateType;
import tools.jackson.databind.JsonNode;

/**
 * One state under validation: its JSON (known to be an object with a valid Type), where it sits, the
 * query language in force for it and the machine type.
 */
record StateContext(String name, JsonNode state, Location at, StateType type, QueryLanguage language,
        StateMachineType machineType) {

    JsonNode field(String fieldName) {
        return state.get(fieldName);
    }

    boolean has(String fieldName) {
        return state.has(fieldName);
    }

    Location at(String fieldName) {
        return at.child(fieldName);
    }

    boolean jsonata() {
        return language == QueryLanguage.JSONATA;
    }
}
