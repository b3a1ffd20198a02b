package io.stepwise.support;

import io.stepwise.store.AuditLog;
import io.stepwise.store.StateMachineDefinitions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running Stepwise on a random port against the test JVM's one PostgreSQL, emptied before each test.
 * Subclasses share one Spring context (same configuration), so the service starts once per JVM.
 */
// An external database URL switches authentication on by default (docs/security.md); the tests of everything
// else run without it. Security tests switch it on with support.SecurityOn, whose @DynamicPropertySource wins.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "stepwise.security.enabled=false")
public abstract class IntegrationTest {

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private StateMachineDefinitions definitions;

    @Autowired
    private AuditLog audit;

    /** The secret of the {@code it-api-key} HTTP connection, which no history or output may show. */
    protected static final String IT_API_KEY = "it-secret-key-0042";

    @LocalServerPort
    protected int port;

    protected Api api;

    /** White-box reads of the step and history tables, for what no store method exposes. */
    protected StepTable steps;
    protected HistoryTable historyTable;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        // The test database's shutdown hook may stop PostgreSQL while a context is still closing; a poller
        // then waits this long for a connection instead of Hikari's 30 s (Surefire kills a fork after 30).
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
        // the account the AWS-recorded TestState cases were masked with, so their context objects match
        registry.add("stepwise.api.account-id", () -> "111111111111");
        // an HTTP task connection, set here so that the HTTP tests share this one context
        registry.add("stepwise.http.connections.it-api-key.api-key.name", () -> "x-api-key");
        registry.add("stepwise.http.connections.it-api-key.api-key.value", () -> IT_API_KEY);
    }

    /** The token {@link #api} sends as 'Authorization: Bearer'; none, as authentication is off unless a test turns it on. */
    protected String bearer() {
        return null;
    }

    /** {@code headers} plus the Authorization header of {@link #bearer()}, if any, for raw requests. */
    protected List<String[]> withCredentials(List<String[]> headers) {
        if (bearer() == null) {
            return headers;
        }
        List<String[]> all = new ArrayList<>(headers);
        all.add(new String[] {"Authorization", "Bearer " + bearer()});
        return all;
    }

    @BeforeEach
    void emptyDatabaseAndConnectApi() {
        audit.awaitRecorded(); // the previous test's last calls, recorded after their answers, land before the truncate
        Tables.truncate(jdbc);
        TestTaskHandlers.reset();
        definitions.forgetAll();
        api = new Api("http://localhost:" + port, bearer());
        steps = new StepTable(jdbc);
        historyTable = new HistoryTable(jdbc);
    }
}
