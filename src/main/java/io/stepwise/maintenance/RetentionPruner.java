package io.stepwise.maintenance;

import io.stepwise.store.AuditLog;
import io.stepwise.store.ExecutionHousekeeping;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Deletes finished executions (with their history) once they are older than the retention, and audit
 * events older than theirs, in small batches, stopping as soon as this replica is no longer the leader.
 */
@Component
@ConditionalOnProperty(name = "stepwise.maintenance.enabled", havingValue = "true", matchIfMissing = true)
class RetentionPruner implements MaintenanceTask {

    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

    /**
     * @param retention how long finished executions stay readable ({@code stepwise.retention.finished})
     * @param batch executions (or audit events) deleted per transaction
     * @param audit how long the audit trail keeps a call ({@code stepwise.retention.audit})
     */
    @ConfigurationProperties("stepwise.retention")
    record RetentionProperties(@DefaultValue("30d") Duration finished, @DefaultValue("500") int batch,
            @DefaultValue("90d") Duration audit) {
    }

    private final ExecutionHousekeeping housekeeping;
    private final AuditLog audit;
    private final LeaderElection leader;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionPruner(ExecutionHousekeeping housekeeping, AuditLog audit, LeaderElection leader,
            RetentionProperties properties, Clock clock) {
        this.housekeeping = housekeeping;
        this.audit = audit;
        this.leader = leader;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void run() {
        var cutoff = clock.instant().minus(properties.finished());
        int total = inBatches(batch -> housekeeping.pruneFinishedBefore(cutoff, batch));
        if (total > 0) {
            log.info("Pruned {} executions that finished before {}", total, cutoff);
        }
        // the audit trail has its own retention: it is usually kept longer than the executions it names
        var auditCutoff = clock.instant().minus(properties.audit());
        int audited = inBatches(batch -> audit.pruneBefore(auditCutoff, batch));
        if (audited > 0) {
            log.info("Pruned {} audit events recorded before {}", audited, auditCutoff);
        }
    }

    /** Deletes batch after batch until one comes back short or this replica stops leading; returns how many. */
    private int inBatches(IntUnaryOperator deleteUpTo) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteUpTo.applyAsInt(properties.batch());
            total += deleted;
        } while (deleted == properties.batch() && leader.isLeader());
        return total;
    }
}
