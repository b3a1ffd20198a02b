package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.Json;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.asl.model.TaskState;
import io.stepwise.engine.HistoryRecorder;
import io.stepwise.support.Asl;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** A history row reads back exactly the events that were written, in either storage format. */
class HistoryFormatTest {

    static final StateMachine MACHINE = DefinitionParser.parse(Json.parse(Asl.of("A", """
                    {"Type": "Task", "Resource": "stepwise:echo", "Next": "B"}""",
            "B", """
                    {"Type": "Task", "Resource": "stepwise:sleep", "End": true}""")));

    static JsonNode roundTrip(List<? extends JsonNode> events) {
        return HistoryFormat.read(Json.parse(HistoryFormat.write(events).json()));
    }

    @Test
    void recordedTaskEventsComeBackWhole() {
        TaskState a = (TaskState) MACHINE.state("A");
        TaskState b = (TaskState) MACHINE.state("B");
        var history = new HistoryRecorder();
        history.entered(a, Json.parse("{\"n\": 1, \"t\": \"not a type\"}"));
        history.taskScheduled(a, Json.parse("{\"n\": 1}"), 30L, null);
        history.taskStarted(a);
        history.taskFailed(a, "States.Timeout", "too slow");
        history.taskScheduled(a, Json.parse("{\"n\": 1}"), null, 5L);
        history.taskStarted(a);
        history.taskSucceeded(a, Json.parse("[1, {\"type\": \"x\"}]"));
        history.exited(a, Json.parse("null"));
        history.entered(b, Json.parse("{}"));
        history.taskScheduled(b, Json.parse("{}"), null, null);
        history.taskStarted(b);
        history.taskSucceeded(b, Json.parse("\"done\""));
        history.exited(b, Json.parse("\"done\""));

        JsonNode back = roundTrip(history.events());
        ArrayNode full = Json.NODES.arrayNode().addAll(history.events());

        // compared with the events as stored before this format: written out and parsed back (a long 30
        // the recorder put comes back as an int 30 either way)
        assertThat(back).isEqualTo(Json.parse(Json.write(full)));
        assertThat(Json.write(back)).as("field order too").isEqualTo(Json.write(full));
        String stored = HistoryFormat.write(history.events()).json();
        assertThat(stored.length()).as("the point of the format").isLessThan(Json.write(full).length() * 2 / 3);
        assertThat(stored).contains("stepwise:sleep").doesNotContain("resourceType");
    }

    @Test
    void eventsTheCompactFormCannotHoldAreStoredWhole() {
        var events = Json.NODES.arrayNode();
        events.addObject().put("type", "Odd").putObject("details").put("t", 1).put("type", "clash");
        events.addObject().put("type", "TaskStarted").putObject("details").put("resourceType", "lambda");
        events.addObject().put("type", "TaskStarted").putObject("details").put("resource", "arn:x").put("resourceType", "lambda");
        events.addObject().put("type", "TaskSucceeded").putObject("details").put("resource", "arn:x").put("resourceType", "lambda");
        events.addObject().put("type", "ExecutionRedriven").putObject("details").put("redriveCount", 2);
        assertThat(roundTrip(events.valueStream().toList())).isEqualTo(events);
    }

    @Test
    void rowsWrittenBeforeTheCompactFormReadAsTheyAre() {
        JsonNode legacy = Json.parse("""
                [{"type":"TaskStateEntered","details":{"name":"T","input":{"n":1}}},
                 {"type":"TaskScheduled","details":{"resource":"stepwise:echo","resourceType":"stepwise","parameters":{"n":1}}},
                 {"type":"TaskStarted","details":{"resource":"stepwise:echo","resourceType":"stepwise"}}]""");
        assertThat(HistoryFormat.read(legacy)).isEqualTo(legacy);
    }
}
