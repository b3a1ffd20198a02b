package io.stepwise.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A queue's settings as people edit them (the catalog row of {@code queue}, through JPA). The token
 * bucket's state in the same row ({@code tokens}, {@code refilled_at}) is the claim's and is not mapped,
 * so saving settings never overwrites it. Null limits mean unlimited.
 */
@Entity
@Table(name = "queue")
class QueueSettings {

    @Id
    private String name;
    private Integer concurrency;
    @Column(name = "rate_limit")
    private Integer rateLimit;
    @Column(name = "rate_period_seconds")
    private Integer ratePeriodSeconds;
    private boolean paused;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected QueueSettings() {
    }

    void limit(Integer concurrency, Integer rateLimit, Integer ratePeriodSeconds, Instant now) {
        this.concurrency = concurrency;
        this.rateLimit = rateLimit;
        this.ratePeriodSeconds = ratePeriodSeconds;
        this.updatedAt = now;
    }

    void paused(boolean paused, Instant now) {
        this.paused = paused;
        this.updatedAt = now;
    }

    String name() {
        return name;
    }

    Integer concurrency() {
        return concurrency;
    }

    Integer rateLimit() {
        return rateLimit;
    }

    Integer ratePeriodSeconds() {
        return ratePeriodSeconds;
    }

    boolean paused() {
        return paused;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
