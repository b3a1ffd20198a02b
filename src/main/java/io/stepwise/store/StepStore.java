package io.stepwise.store;

import static io.stepwise.store.Rows.json;

import io.stepwise.engine.StepStatus;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class StepStore {

    private static final RowMapper<ClaimedStep> CLAIMED = (rs, n) -> new ClaimedStep(
            rs.getLong("id"),
            rs.getObject("execution_id", UUID.class),
            Rows.nullableLong(rs, "parent_id"),
            Rows.nullableInt(rs, "branch_index"),
            StepKind.valueOf(rs.getString("kind")),
            rs.getString("state_name"),
            json(rs, "input"),
            json(rs, "state_data"),
            rs.getInt("attempt"),
            rs.getObject("lease_token", UUID.class),
            new ClaimedStep.ExecutionInfo(rs.getString("execution_name"), rs.getString("state_machine_name"),
                    rs.getInt("state_machine_version"), json(rs, "execution_input"), Rows.instant(rs, "start_date"),
                    rs.getInt("redrive_count"), rs.getString("traceparent"), Namespace.stored(rs.getString("namespace"))),
            Rows.instant(rs, "run_at"),
            new Placement(rs.getString("queue"), rs.getInt("priority")));

    private final JdbcClient jdbc;
    private final ExecutionInputs executionInputs;

    StepStore(JdbcClient jdbc, ExecutionInputs executionInputs) {
        this.jdbc = jdbc;
        this.executionInputs = executionInputs;
    }

    /** Child result of a fan-out, for the parent's join. */
    record ChildResult(int branchIndex, StepStatus status, JsonNode output, String error, String cause) {
    }

    /**
     * A parent's counters after its children's ends were counted; {@code stateData} (its checkpoint) only
     * when some of them failed, else null.
     */
    record ParentCount(long parentId, int pending, int failed, JsonNode stateData) {
    }

    /** A fan-out's children, in branch order, with the status each starts in (READY or BLOCKED). */
    void insertChildren(ClaimedStep parent, List<Completion.NewChild> children, List<StepStatus> statuses,
            Instant runAt, Instant now) {
        jdbc.sql(SqlStatements.get("StepInsertChildren"))
                .param("executionId", parent.executionId())
                .param("parentId", parent.id())
                .param("queue", parent.placement().queue())
                .param("priority", parent.placement().priority())
                .param("branchIndexes", children.stream().map(Completion.NewChild::branchIndex).toArray(Integer[]::new))
                .param("statuses", statuses.stream().map(st -> BoundStatuses.bind("StepInsertChildren", st))
                        .toArray(String[]::new))
                .param("stateNames", children.stream().map(Completion.NewChild::stateName).toArray(String[]::new))
                .param("inputs", JsonList.pack(children, c -> Rows.text(c.input())))
                .param("stateData", JsonList.pack(children, c -> Rows.text(c.stateData())))
                .param("runAt", Rows.timestamp(runAt))
                .param("now", Rows.timestamp(now))
                .update();
    }

    /** The first steps of a batch of new executions (StepInsertFirstMany). */
    void insertFirstMany(List<UUID> executionIds, List<String> stateNames, List<JsonText> inputs,
            List<Placement> placements, Instant now) {
        jdbc.sql(SqlStatements.get("StepInsertFirstMany"))
                .param("ids", executionIds.toArray(UUID[]::new))
                .param("stateNames", stateNames.toArray(String[]::new))
                .param("inputs", JsonList.pack(inputs, Rows::text))
                .param("now", Rows.timestamp(now))
                .param("queues", ExecutionStore.queues(placements), Types.ARRAY)
                .param("priorities", ExecutionStore.priorities(placements), Types.ARRAY)
                .update();
    }

    /** When the next READY step of these queues falls due (empty when they have none). */
    Optional<Instant> nextReady(List<String> queues) {
        return jdbc.sql(SqlStatements.get("StepNextReady"))
                .param("queues", queues.toArray(String[]::new))
                .query((rs, n) -> Rows.instant(rs, "run_at")).optional();
    }

    /** The queues with READY steps, due or not. */
    List<String> readyQueues() {
        return jdbc.sql(SqlStatements.get("StepReadyQueues")).query((rs, n) -> rs.getString("queue")).list();
    }

    /**
     * Claims up to {@code limit} due steps of {@code queue}. A queue the catalog limits gives nothing here
     * unless {@code underLock}: its row is locked in this transaction and {@code limit} is its allowance.
     */
    List<ClaimedStep> claimReady(String queue, boolean underLock, String owner, int limit, Instant dueBy,
            Instant leaseExpiresAt) {
        return executionInputs.fill(jdbc.sql(SqlStatements.get("StepClaimReady"))
                .param("queue", queue)
                .param("underLock", underLock)
                .param("dueBy", Rows.timestamp(dueBy))
                .param("limit", limit)
                .param("owner", owner)
                .param("leaseToken", UUID.randomUUID())
                .param("leaseExpiresAt", Rows.timestamp(leaseExpiresAt))
                .query(CLAIMED).list());
    }

    /** @return false when the lease is no longer ours: someone rescued, cancelled or finished the step */
    boolean deleteLeased(ClaimedStep step) {
        return jdbc.sql(SqlStatements.get("StepDeleteLeased"))
                .param("id", step.id()).param("leaseToken", step.leaseToken()).update() == 1;
    }

    /** @return the ids of the steps deleted (the others' leases were lost) */
    Set<Long> deleteLeasedMany(List<ClaimedStep> leased) {
        return new HashSet<>(jdbc.sql(SqlStatements.get("StepDeleteLeasedMany"))
                .param("ids", leased.stream().map(ClaimedStep::id).toArray(Long[]::new))
                .param("tokens", leased.stream().map(ClaimedStep::leaseToken).toArray(UUID[]::new))
                .query((rs, n) -> rs.getLong("id")).list());
    }

    /** @return the ids of the steps rescheduled (the others' leases were lost) */
    Set<Long> rescheduleLeasedMany(List<Completion.Reschedule> reschedules) {
        return new HashSet<>(jdbc.sql(SqlStatements.get("StepRescheduleLeasedMany"))
                .param("ids", reschedules.stream().map(r -> r.step().id()).toArray(Long[]::new))
                .param("tokens", reschedules.stream().map(r -> r.step().leaseToken()).toArray(UUID[]::new))
                .param("kinds", reschedules.stream().map(r -> r.kind().name()).toArray(String[]::new))
                .param("stateNames", reschedules.stream().map(Completion.Reschedule::stateName).toArray(String[]::new))
                .param("inputs", JsonList.pack(reschedules, r -> Rows.text(r.input())))
                .param("stateData", JsonList.pack(reschedules, r -> Rows.text(r.stateData())))
                .param("runAts", reschedules.stream().map(r -> r.runAt().toString()).toArray(String[]::new))
                .query((rs, n) -> rs.getLong("id")).list());
    }

    boolean rescheduleLeased(ClaimedStep step, StepKind kind, String stateName, JsonText input, JsonText stateData,
            Instant runAt) {
        return jdbc.sql(SqlStatements.get("StepRescheduleLeased"))
                .param("id", step.id())
                .param("leaseToken", step.leaseToken())
                .param("kind", kind.name())
                .param("stateName", stateName)
                .param("input", Rows.text(input))
                .param("stateData", Rows.text(stateData), Types.VARCHAR)
                .param("runAt", Rows.timestamp(runAt))
                .update() == 1;
    }

    boolean waitForChildren(ClaimedStep step, String stateName, JsonText input, JsonText stateData, int children) {
        return jdbc.sql(SqlStatements.get("StepWaitForChildren"))
                .param("id", step.id())
                .param("leaseToken", step.leaseToken())
                .param("stateName", stateName)
                .param("input", Rows.text(input))
                .param("stateData", Rows.text(stateData))
                .param("children", children)
                .update() == 1;
    }

    /**
     * Children that ended without a failure point (each a success, or a failure kept as its result).
     *
     * @return the ids of the children finished (the others' leases were lost)
     */
    Set<Long> finishChildrenLeased(List<Completion.EndChild> ends) {
        return new HashSet<>(jdbc.sql(SqlStatements.get("StepFinishChildrenLeased"))
                .param("ids", ends.stream().map(e -> e.step().id()).toArray(Long[]::new))
                .param("tokens", ends.stream().map(e -> e.step().leaseToken()).toArray(UUID[]::new))
                .param("statuses", ends.stream().map(e -> BoundStatuses.bind("StepFinishChildrenLeased",
                        e.succeeded() ? StepStatus.SUCCEEDED : StepStatus.FAILED)).toArray(String[]::new))
                .param("outputs", JsonList.pack(ends, e -> Rows.text(e.output())))
                .param("errors", ends.stream().map(Completion.EndChild::error).toArray(String[]::new))
                .param("causes", ends.stream().map(Completion.EndChild::cause).toArray(String[]::new))
                .query((rs, n) -> rs.getLong("id")).list());
    }

    /** How many children of one parent ended in this transaction, and how many of them failed. */
    record ChildrenEnded(long parentId, int finished, int failed) {
    }

    /**
     * Counts the ended children into their parents, one row update per parent, in parent id order.
     *
     * @return the parents still waiting, with their counters after the update (others stopped waiting:
     *     a sibling's failure resumed them, or a stop)
     */
    List<ParentCount> countChildrenFinished(List<ChildrenEnded> ended) {
        List<ChildrenEnded> sorted = ended.stream().sorted(Comparator.comparingLong(ChildrenEnded::parentId))
                .toList();
        return jdbc.sql(SqlStatements.get("StepCountChildrenFinished"))
                .param("parentIds", sorted.stream().map(ChildrenEnded::parentId).toArray(Long[]::new))
                .param("finished", sorted.stream().map(ChildrenEnded::finished).toArray(Integer[]::new))
                .param("failed", sorted.stream().map(ChildrenEnded::failed).toArray(Integer[]::new))
                .query((rs, n) -> new ParentCount(rs.getLong("id"), rs.getInt("pending_children"),
                        rs.getInt("failed_children"), json(rs, "state_data")))
                .list();
    }

    /** Makes up to {@code counts[i]} BLOCKED children of {@code parentIds[i]} READY, first in branch order. */
    void promoteBlockedChildren(List<Long> parentIds, List<Integer> counts, Instant now) {
        jdbc.sql(SqlStatements.get("StepPromoteBlockedChildren"))
                .param("parentIds", parentIds.toArray(Long[]::new))
                .param("counts", counts.toArray(Integer[]::new))
                .param("now", Rows.timestamp(now))
                .update();
    }

    void cancelUnfinishedChildren(long parentId) {
        jdbc.sql(SqlStatements.get("StepCancelUnfinishedChildren")).param("parentId", parentId).update();
    }

    /** Waiting parents join: READY at {@code now}. */
    void wakeParents(List<Long> parentIds, Instant now) {
        jdbc.sql(SqlStatements.get("StepWakeParents")).param("parentIds", parentIds.toArray(Long[]::new))
                .param("now", Rows.timestamp(now)).update();
    }

    List<ChildResult> childResults(long parentId) {
        return jdbc.sql(SqlStatements.get("StepChildResults"))
                .param("parentId", parentId)
                .query((rs, n) -> new ChildResult(rs.getInt("branch_index"), StepStatus.valueOf(rs.getString("status")),
                        json(rs, "output"), rs.getString("error"), rs.getString("cause")))
                .list();
    }

    void deleteChildren(long parentId) {
        jdbc.sql(SqlStatements.get("StepDeleteChildren")).param("parentId", parentId).update();
    }

    boolean releaseLeased(ClaimedStep step) {
        return jdbc.sql(SqlStatements.get("StepReleaseLeased"))
                .param("id", step.id()).param("leaseToken", step.leaseToken()).update() == 1;
    }

    boolean failLeased(ClaimedStep step, StepKind kind, String stateName, JsonText input, JsonText stateData,
            String error, String cause) {
        return jdbc.sql(SqlStatements.get("StepFailLeased"))
                .param("id", step.id())
                .param("leaseToken", step.leaseToken())
                .param("kind", kind.name())
                .param("stateName", stateName)
                .param("input", Rows.text(input))
                .param("stateData", Rows.text(stateData), Types.VARCHAR)
                .param("error", error, Types.VARCHAR)
                .param("cause", cause, Types.VARCHAR)
                .update() == 1;
    }

    void cancelOfExecutions(UUID[] executionIds) {
        jdbc.sql(SqlStatements.get("StepCancelOfExecution")).param("executionIds", executionIds).update();
    }

    /** The step's Task waits for its token's answer (WAITING); false when the lease is no longer ours. */
    boolean awaitAnswerLeased(ClaimedStep step, String stateName, JsonText input, JsonText stateData, Instant runAt) {
        return jdbc.sql(SqlStatements.get("StepAwaitAnswerLeased"))
                .param("id", step.id())
                .param("leaseToken", step.leaseToken())
                .param("stateName", stateName)
                .param("input", Rows.text(input))
                .param("stateData", Rows.text(stateData), Types.VARCHAR)
                .param("runAt", Rows.timestamp(runAt))
                .update() == 1;
    }

    /** A waiting CALLBACK step becomes READY now (its answer came). */
    void wakeCallback(long stepId, Instant now) {
        jdbc.sql(SqlStatements.get("StepWakeCallback")).param("stepId", stepId).param("now", Rows.timestamp(now))
                .update();
    }

    /** A waiting CALLBACK step's deadline moves to {@code runAt} if that is sooner. */
    void callbackDeadline(long stepId, Instant runAt) {
        jdbc.sql(SqlStatements.get("StepCallbackDeadline")).param("stepId", stepId)
                .param("runAt", Rows.timestamp(runAt)).update();
    }

    /** @return how many waiting CALLBACK steps whose deadline came became READY (at most {@code limit}) */
    int callbacksDue(Instant now, int limit) {
        return jdbc.sql(SqlStatements.get("StepCallbacksDue")).param("now", Rows.timestamp(now)).param("limit", limit)
                .update();
    }

    /** A claimed CALLBACK step waits again, until {@code runAt}; false when the lease is no longer ours. */
    boolean awaitAgainLeased(ClaimedStep step, Instant runAt) {
        return jdbc.sql(SqlStatements.get("StepAwaitAgainLeased")).param("id", step.id())
                .param("leaseToken", step.leaseToken()).param("runAt", Rows.timestamp(runAt)).update() == 1;
    }

    /** A step of an execution's tree, for redrive. */
    record TreeStep(long id, Long parentId, Integer branchIndex, StepStatus status, StepKind kind,
            JsonNode stateData) {
    }

    List<TreeStep> treeOfExecution(UUID executionId) {
        return jdbc.sql(SqlStatements.get("StepTreeOfExecution"))
                .param("executionId", executionId)
                .query((rs, n) -> new TreeStep(rs.getLong("id"), Rows.nullableLong(rs, "parent_id"),
                        Rows.nullableInt(rs, "branch_index"), StepStatus.valueOf(rs.getString("status")),
                        StepKind.valueOf(rs.getString("kind")),
                        json(rs, "state_data")))
                .list();
    }

    void revive(long id, StepStatus status, Integer pending, Instant now) {
        jdbc.sql(SqlStatements.get("StepRevive"))
                .param("id", id).param("status", BoundStatuses.bind("StepRevive", status))
                .param("pending", pending, Types.INTEGER).param("now", Rows.timestamp(now)).update();
    }

    int rescueExpired(Instant now, int limit) {
        return jdbc.sql(SqlStatements.get("StepRescueExpired"))
                .param("now", Rows.timestamp(now)).param("limit", limit)
                .query((rs, n) -> rs.getLong("id")).list().size();
    }

    List<Long> renewLeases(String owner, Long[] ids, Instant leaseExpiresAt) {
        return jdbc.sql(SqlStatements.get("StepRenewLeases"))
                .param("ids", ids)
                .param("owner", owner)
                .param("leaseExpiresAt", Rows.timestamp(leaseExpiresAt))
                .query((rs, n) -> rs.getLong("id")).list();
    }

    List<Long> stillHeld(String owner, Long[] ids) {
        return jdbc.sql(SqlStatements.get("StepStillHeld"))
                .param("ids", ids)
                .param("owner", owner)
                .query((rs, n) -> rs.getLong("id")).list();
    }
}
