package io.stepwise.engine;

import io.stepwise.asl.Json;
import io.stepwise.asl.model.Recoverable;
import io.stepwise.asl.model.State;
import io.stepwise.asl.validation.DefinitionValidator;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The context object AWS makes up for a TestState call that brings none: an ad-hoc express execution
 * of an ad-hoc machine. As recorded on AWS, the state is always named as the lone state of a TestState
 * definition, RoleArn is null when the call names no role, and only states that can be retried carry
 * a RetryCount.
 */
final class TestStateContext {

    static final String MACHINE_NAME = "TestStateMachine";

    private TestStateContext() {
    }

    static ObjectNode of(State state, JsonNode input, String roleArn, int retryCount, Instant now, String region,
            String accountId, String executionName) {
        String prefix = "arn:aws:states:" + region + ":" + accountId + ":";
        String time = ContextObjects.timestamp(now);
        ObjectNode context = Json.NODES.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", prefix + "express:" + MACHINE_NAME + ":" + executionName);
        execution.set("Input", input);
        execution.put("Name", executionName);
        execution.put("RoleArn", roleArn);
        execution.put("StartTime", time);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", prefix + "stateMachine:" + MACHINE_NAME);
        machine.put("Name", MACHINE_NAME);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("Name", DefinitionValidator.TEST_STATE_NAME);
        stateNode.put("EnteredTime", time);
        if (state instanceof Recoverable) {
            stateNode.put("RetryCount", retryCount);
        }
        return context;
    }
}
