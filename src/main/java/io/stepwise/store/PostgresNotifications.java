package io.stepwise.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * LISTEN/NOTIFY between replicas. After a transaction that made work ready commits, one NOTIFY goes
 * out, coalesced: while one is being sent, further requests fold into the next, so a burst of
 * thousands of starts costs a handful of NOTIFYs (PostgreSQL takes a cluster-wide lock per notifying
 * commit, which capped inserts at ~7,000/s when every insert notified). A dedicated connection
 * listens and turns notifications into {@link Signals}.
 */
@Component
class PostgresNotifications implements SmartLifecycle {

    static final String WORK = "stepwise_work";
    static final String STOP = "stepwise_stop";
    static final String ACTIVITY = "stepwise_activity";
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Signals signals;
    private final AtomicBoolean workPending = new AtomicBoolean();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Set<String> activitiesPending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sendingActivities = new AtomicBoolean();
    private volatile boolean running;
    private Thread listener;

    PostgresNotifications(DataSource dataSource, JdbcClient jdbc, Signals signals) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.signals = signals;
    }

    @TransactionalEventListener
    void on(WorkAvailable event) {
        workPending.set(true);
        if (sending.compareAndSet(false, true)) {
            Thread.ofVirtual().start(this::sendPendingWork);
        }
    }

    /** Polls of the activity wait on every replica; each scheduling commit tells them (payload: its key). */
    @TransactionalEventListener
    void on(ActivityScheduled event) {
        activitiesPending.add(event.activity());
        if (sendingActivities.compareAndSet(false, true)) {
            Thread.ofVirtual().start(this::sendPendingActivities);
        }
    }

    /** Coalesced like work: one NOTIFY per activity name per round, however many tasks it got. */
    private void sendPendingActivities() {
        try {
            while (!activitiesPending.isEmpty()) {
                for (String activity : List.copyOf(activitiesPending)) {
                    activitiesPending.remove(activity);
                    notify(ACTIVITY, activity);
                }
            }
        } finally {
            sendingActivities.set(false);
            if (!activitiesPending.isEmpty() && sendingActivities.compareAndSet(false, true)) {
                Thread.ofVirtual().start(this::sendPendingActivities);
            }
        }
    }

    @TransactionalEventListener
    void on(ExecutionStopped event) {
        notify(STOP, event.executionId().toString());
    }

    private void sendPendingWork() {
        try {
            while (workPending.getAndSet(false)) {
                notify(WORK, "");
            }
        } finally {
            sending.set(false);
            if (workPending.get() && sending.compareAndSet(false, true)) {
                Thread.ofVirtual().start(this::sendPendingWork);
            }
        }
    }

    private void notify(String channel, String payload) {
        try {
            jdbc.sql(SqlStatements.get("SignalNotify")).param("channel", channel).param("payload", payload)
                    .query().singleValue();
        } catch (RuntimeException e) {
            log.debug("NOTIFY {} failed; pollers will find the work anyway", channel, e);
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().name("stepwise-listen").daemon().start(this::listen);
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + WORK);
                statement.execute("LISTEN " + STOP);
                statement.execute("LISTEN " + ACTIVITY);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        if (STOP.equals(n.getName())) {
                            signals.stopped(UUID.fromString(n.getParameter()));
                        } else if (ACTIVITY.equals(n.getName())) {
                            signals.activityScheduled(n.getParameter());
                        } else {
                            signals.work();
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for notifications failed; reconnecting (polling covers the gap)", e);
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
