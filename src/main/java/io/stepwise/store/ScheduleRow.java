package io.stepwise.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A schedule as the catalog stores it (Spring Data JPA: people edit a handful of these, nothing hot
 * reads them this way; the firing path uses {@link ScheduleFires}). JSON columns hold their text as
 * written, like every payload in Stepwise, hence the casts.
 */
@Entity
@Table(name = "schedule")
@IdClass(ScheduleRow.Key.class)
public class ScheduleRow {

    /** A schedule's key: names are unique per namespace (V18). */
    public record Key(String namespace, String name) implements Serializable {

        public Key(Namespace namespace, String name) {
            this(namespace.name(), name);
        }
    }

    @Id
    private String namespace;
    @Id
    private String name;
    private String cron;
    private String timezone;
    @Column(name = "target_state_machine")
    private String targetStateMachine;
    @Column(name = "target_version")
    private Integer targetVersion;
    @Column(name = "target_job")
    @ColumnTransformer(write = "cast(? as json)")
    private String targetJob;
    @ColumnTransformer(write = "cast(? as json)")
    private String input;
    @Enumerated(EnumType.STRING)
    private ScheduleOverlap overlap;
    @Enumerated(EnumType.STRING)
    @Column(name = "catch_up")
    private ScheduleCatchUp catchUp;
    private boolean paused;
    @Column(name = "start_at")
    private Instant startAt;
    @Column(name = "end_at")
    private Instant endAt;
    @Column(name = "next_fire_at")
    private Instant nextFireAt;
    @Column(name = "last_fire_at")
    private Instant lastFireAt;
    @Column(name = "last_execution_id")
    private UUID lastExecutionId;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ScheduleRow() {
        // for JPA
    }

    public ScheduleRow(Namespace namespace, String name, Instant createdAt) {
        this.namespace = namespace.name();
        this.name = name;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public Namespace getNamespace() {
        return Namespace.stored(namespace);
    }

    public String getName() {
        return name;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public String getTargetStateMachine() {
        return targetStateMachine;
    }

    public Integer getTargetVersion() {
        return targetVersion;
    }

    public String getTargetJob() {
        return targetJob;
    }

    /** Exactly one of the two targets: a state machine (version null for the latest), or a job's JSON text. */
    public void setTarget(String stateMachine, Integer version, String job) {
        this.targetStateMachine = stateMachine;
        this.targetVersion = version;
        this.targetJob = job;
    }

    public String getInput() {
        return input;
    }

    public void setInput(String input) {
        this.input = input;
    }

    public ScheduleOverlap getOverlap() {
        return overlap;
    }

    public void setOverlap(ScheduleOverlap overlap) {
        this.overlap = overlap;
    }

    public ScheduleCatchUp getCatchUp() {
        return catchUp;
    }

    public void setCatchUp(ScheduleCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public Instant getStartAt() {
        return startAt;
    }

    public Instant getEndAt() {
        return endAt;
    }

    public void setWindow(Instant startAt, Instant endAt) {
        this.startAt = startAt;
        this.endAt = endAt;
    }

    public Instant getNextFireAt() {
        return nextFireAt;
    }

    public void setNextFireAt(Instant nextFireAt) {
        this.nextFireAt = nextFireAt;
    }

    public Instant getLastFireAt() {
        return lastFireAt;
    }

    public UUID getLastExecutionId() {
        return lastExecutionId;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
