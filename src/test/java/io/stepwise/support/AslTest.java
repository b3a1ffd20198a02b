package io.stepwise.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import org.junit.jupiter.api.Test;

class AslTest {

    @Test
    void aMachineIsWrittenStartAtFirstWithItsStatesInOrder() {
        assertThat(Asl.of("B", Asl.succeed(), "A", Asl.pass())).isEqualTo(
                "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Succeed\"},\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
        assertThat(Json.parse(Asl.single("P", Asl.pass()))).isEqualTo(Json.parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"""));
    }

    @Test
    void namesWithQuotesStayValidJson() {
        var machine = Json.parse(Asl.single("say \"hi\"", Asl.pass()));
        assertThat(machine.get("StartAt").asString()).isEqualTo("say \"hi\"");
        assertThat(machine.get("States").has("say \"hi\"")).isTrue();
    }

    @Test
    void aTaskOrMapEndsUnlessItsFieldsSayNextOrEnd() {
        assertThat(Json.parse(Asl.task("test:count"))).isEqualTo(Json.parse("""
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "test:count", "End": true}}}"""));
        assertThat(Json.parse(Asl.task("test:count", """
                {"TimeoutSeconds": 1, "Next": "After"}""")).at("/States/Work")).isEqualTo(Json.parse("""
                {"Type": "Task", "Resource": "test:count", "TimeoutSeconds": 1, "Next": "After"}"""));
        assertThat(Json.parse(Asl.map(Asl.task("test:count"), """
                {"MaxConcurrency": 1}"""))).isEqualTo(Json.parse("""
                {"Type": "Map", "MaxConcurrency": 1, "End": true,
                 "ItemProcessor": {"StartAt": "Work", "States": {
                   "Work": {"Type": "Task", "Resource": "test:count", "End": true}}}}"""));
    }

    @Test
    void aPutBodyCarriesTheDefinitionAndTheDescription() {
        String machine = Asl.single("P", Asl.pass());
        assertThat(Json.parse(Asl.putBody(machine))).isEqualTo(Json.parse("{\"definition\": " + machine + "}"));
        assertThat(Json.parse(Asl.putBody(machine, "d"))).isEqualTo(
                Json.parse("{\"definition\": " + machine + ", \"description\": \"d\"}"));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Asl.of("A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Asl.of("A", Asl.pass(), "A", Asl.pass())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Asl.single("A", "[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
