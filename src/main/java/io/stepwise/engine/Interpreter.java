package io.stepwise.engine;

import io.stepwise.asl.StatesError;
import io.stepwise.asl.model.PassState;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.asl.model.SucceedState;
import tools.jackson.databind.JsonNode;

/**
 * Runs a state machine in-line from a state until it must stop (a Task, a Wait, a fan-out) or ends.
 * Pure: no clock reads, no I/O; the caller persists what it decides.
 */
public final class Interpreter {

    public Decision run(StateMachine machine, String stateName, JsonNode input, HistoryRecorder history) {
        String current = stateName;
        JsonNode data = input;
        try {
            while (true) {
                switch (machine.state(current)) {
                    case PassState pass -> {
                        history.entered("PassStateEntered", pass.name(), data);
                        data = pass.result() != null ? pass.result() : data;
                        history.exited("PassStateExited", pass.name(), data);
                        if (pass.transition().isEnd()) {
                            return new Decision.Succeeded(data);
                        }
                        current = pass.transition().next();
                    }
                    case SucceedState succeed -> {
                        history.entered("SucceedStateEntered", succeed.name(), data);
                        history.exited("SucceedStateExited", succeed.name(), data);
                        return new Decision.Succeeded(data);
                    }
                }
            }
        } catch (StatesError e) {
            return new Decision.Failed(e.error(), e.cause());
        }
    }
}
