package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every mutating call is in the audit trail (who, when, what, from where; no payload), readable by admins. */
class AuditTest extends SecuredTest {

    private static final String MISSING = "0190a3a0-0000-7000-8000-000000000000";

    @Autowired
    private DataSource dataSource;

    @Test
    void mutatingCallsAreRecordedWithTheirCallerTemplateStatusAndAddressButNoPayload() {
        Instant before = Instant.now().minusSeconds(1);
        Api.Response created = api.post("/v1/api-keys", "{\"name\": \"ops\", \"role\": \"operator\"}");
        String prefix = created.body().get("prefix").asString();
        Api operator = api.as(created.body().get("key").asString());
        operator.post("/v1/executions/" + MISSING + "/stop", "{\"error\": \"secret-payload-42\"}");
        operator.get("/v1/executions");                                       // a read: not recorded
        api.as(null).post("/v1/executions", "{\"stateMachine\": \"m\"}");     // refused: recorded as anonymous
        operator.put("/v1/state-machines/m", "{\"definition\": {}}");         // refused by role

        JsonNode items = api.get("/v1/audit").body().get("items");
        List<String> seen = new ArrayList<>();
        items.forEach(e -> seen.add(e.get("actor").asString() + " " + e.get("method").asString() + " "
                + e.get("path").asString() + " " + e.get("status").asInt()));
        assertThat(seen).containsExactly(
                "key:" + prefix + " PUT /v1/state-machines/m 403",
                "anonymous POST /v1/executions 401",
                "key:" + prefix + " POST /v1/executions/{id}/stop 404",
                "bootstrap POST /v1/api-keys 201");
        for (JsonNode entry : items) {
            assertThat(entry.get("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(Instant.parse(entry.get("at").asString())).isAfter(before);
        }
        assertThat(items.toString()).doesNotContain("secret-payload-42").doesNotContain(MISSING);
    }

    @Test
    void theTrailPagesNewestFirstAndFiltersByActorAndTime() {
        String reader = keyOf(Role.READER);
        Instant middle = Instant.now();
        for (int i = 0; i < 3; i++) {
            api.as(reader).post("/v1/state-machines/validate", "{\"definition\": {}}");
        }
        Api.Response first = api.get("/v1/audit?limit=2");
        assertThat(first.body().get("items")).hasSize(2);
        String cursor = first.body().get("nextCursor").asString();
        Api.Response second = api.get("/v1/audit?limit=2&cursor=" + cursor);
        assertThat(second.body().get("items")).hasSize(2); // 3 validates + the key's creation
        assertThat(second.body().get("nextCursor").isNull()).isTrue();
        assertThat(second.body().get("items").get(1).get("path").asString()).isEqualTo("/v1/api-keys");

        String actor = api.get("/v1/audit?limit=1").body().get("items").get(0).get("actor").asString();
        assertThat(actor).startsWith("key:");
        assertThat(api.get("/v1/audit?actor=" + actor).body().get("items")).hasSize(3);
        assertThat(api.get("/v1/audit?actor=bootstrap").body().get("items")).hasSize(1);
        assertThat(api.get("/v1/audit?until=" + middle.minusSeconds(60)).body().get("items")).isEmpty();
        assertThat(api.get("/v1/audit?since=" + middle.minusSeconds(60)).body().get("items")).hasSize(4);

        Api.Response badCursor = api.get("/v1/audit?cursor=abc");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body().get("parameter").asString()).isEqualTo("cursor");
        assertThat(api.get("/v1/audit?since=yesterday").body().get("parameter").asString()).isEqualTo("since");
        assertThat(api.as(reader).get("/v1/audit").status()).isEqualTo(403);
    }

    /**
     * The audit row is written after the answer, not before it: a caller's request must not wait for a
     * second commit. With audit_event locked against inserts the call is still answered; the trail shows
     * it as soon as the lock goes.
     */
    @Test
    void anAnswerDoesNotWaitForItsAuditRow() throws Exception {
        Api.Response answered;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE audit_event IN EXCLUSIVE MODE");
            answered = CompletableFuture
                    .supplyAsync(() -> api.post("/v1/state-machines/validate", "{\"definition\": {}}"))
                    .get(30, TimeUnit.SECONDS);
            holder.rollback();
        }
        assertThat(answered.status()).isEqualTo(200);
        JsonNode items = api.get("/v1/audit").body().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("path").asString()).isEqualTo("/v1/state-machines/validate");
    }
}
