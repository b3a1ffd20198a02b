package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Definitions;
import io.stepwise.asl.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** One attempt of a callback task has one token: in Parameters, in the handler's context, and asked again. */
class TaskTokensTest {

    private static final String MACHINE = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "queue:send.waitForTaskToken",
              "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""";

    @Test
    void parametersTheHandlersContextAndTheInterpreterAgreeOnTheToken() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Interpreter interpreter = Interpreter.of(Clock.fixed(now, ZoneOffset.UTC), new Random(7));
        var context = new ExecutionContext("execution-1", "execution-1", Json.NODES.objectNode(), now, "m:1", "m", 0,
                null);
        Frame frame = new Frame(Definitions.validateAndParse(Json.parse(MACHINE)), MachinePath.TOP, context, Map.of(),
                null);

        var task = (Outcome.RunTask) interpreter.start(frame, Json.NODES.objectNode(), now,
                new HistoryRecorder(0));
        ObjectNode handlerContext = interpreter.taskStarts(frame, task, new HistoryRecorder(0));

        String token = task.taskInput().get("token").asString();
        assertThat(token).hasSize(32); // 192 bits, base64url
        assertThat(handlerContext.path("Task").path("Token").asString()).isEqualTo(token);
        assertThat(interpreter.taskToken(frame, task)).isEqualTo(token);
        // another runner (another key) gives the same attempt another token
        Interpreter other = Interpreter.of(Clock.fixed(now, ZoneOffset.UTC), new Random(8));
        assertThat(other.taskToken(frame, task)).isNotEqualTo(token);
    }
}
