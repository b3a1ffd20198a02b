package io.stepwise.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Callbacks;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.JsonText;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import io.stepwise.support.TestTaskHandlers;
import io.stepwise.support.TestTaskHandlers.HandOff;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A callback outlives every replica: the replica that ran the handler stops, and the answer arrives on
 * a replica started afterwards, which resumes the execution.
 */
class CallbackAcrossRestartsTest {

    @Test
    void aCallbackAnsweredAfterEveryReplicaRestartedResumesTheExecution() throws Exception {
        TestDatabase db = TestDatabase.get().isolated("callback_restarts");
        UUID id;
        HandOff handOff;
        try (ConfigurableApplicationContext first = Replicas.start(db, "stepwise.worker.poll-interval=200ms")) {
            first.getBean(StateMachines.class).register("approval", Json.parse(Asl.task(
                    "test:hand-off.waitForTaskToken", "{\"Parameters\": {\"token.$\": \"$$.Task.Token\"}, "
                            + "\"TimeoutSeconds\": 3600}")), null);
            id = first.getBean(Executions.class).start("approval", null, "needs-approval", Json.parse("{}"))
                    .execution().id();
            handOff = TestTaskHandlers.handedOff(id).poll(20, TimeUnit.SECONDS);
            assertThat(handOff).as("the handler ran").isNotNull();
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            Eventually.await(Duration.ofSeconds(10), () -> jdbc.sql("SELECT kind FROM step WHERE execution_id = ?")
                    .param(id).query(String.class).list(), kinds -> kinds.equals(java.util.List.of("CALLBACK")));
        }
        try (ConfigurableApplicationContext second = Replicas.start(db, "stepwise.worker.poll-interval=200ms")) {
            Callbacks.Reply reply = second.getBean(Callbacks.class).answer(HmacTaskTokens.hash(handOff.token()),
                    new Callbacks.Success(JsonText.of(Json.parse("{\"approved\": true}"))));
            assertThat(reply).isEqualTo(Callbacks.Reply.ACCEPTED);
            ExecutionRecord done = second.getBean(Executions.class).awaitEnd(id, Duration.ofSeconds(20));
            assertThat(done.status().name()).isEqualTo("SUCCEEDED");
            assertThat(Json.write(done.output())).isEqualTo("{\"approved\":true}");
        }
    }
}
