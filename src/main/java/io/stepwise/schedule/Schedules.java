package io.stepwise.schedule;

import io.stepwise.store.BadRequestException;
import io.stepwise.asl.Json;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.ScheduleCatchUp;
import io.stepwise.store.ScheduleOverlap;
import io.stepwise.store.ScheduleRepository;
import io.stepwise.store.ScheduleRow;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything a caller does with cron schedules: put (create or replace), read, list, delete, pause,
 * resume. Schedule names are unique per {@link Namespace}; a schedule fires into its own namespace, and
 * one of another namespace is not found. Each edit locks the schedule's row, so it waits for a fire in
 * progress and a fire skips the row being edited; the next fire is computed here, from the injected clock.
 */
@Service
public class Schedules {

    private final ScheduleRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    Schedules(ScheduleRepository repository, Clock clock, ApplicationEventPublisher events,
            @Qualifier(ScheduleRepository.TRANSACTION_MANAGER) PlatformTransactionManager transactions) {
        this.repository = repository;
        this.clock = clock;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The stored schedule, and whether this put created it (false: it replaced one). */
    public record Put(ScheduleView schedule, boolean created) {
    }

    /**
     * Creates or replaces the schedule. Its next fire is computed afresh from now: a replaced schedule
     * makes up for nothing. Fires already made keep their record (last fire, last execution).
     *
     * @throws BadRequestException for a bad cron, time zone, window or target
     */
    public Put put(Namespace namespace, ScheduleSpec spec) {
        try {
            return transaction.execute(status -> putOnce(namespace, spec));
        } catch (DataIntegrityViolationException createdMeanwhile) {
            // two first PUTs of one name raced: the row of the other exists now, so this one replaces it
            return transaction.execute(status -> putOnce(namespace, spec));
        }
    }

    private Put putOnce(Namespace namespace, ScheduleSpec spec) {
        CronSchedule cron = CronSchedule.parse(spec.cron(), spec.timezone());
        if ((spec.stateMachine() == null) == (spec.job() == null)) {
            throw new BadRequestException("target must name either a stateMachine or a job", "/target");
        }
        if (spec.job() != null && !spec.job().isObject()) {
            throw new BadRequestException("target.job must be a JSON object: the body of a job start",
                    "/target/job");
        }
        if (spec.startAt() != null && spec.endAt() != null && !spec.endAt().isAfter(spec.startAt())) {
            throw new BadRequestException("endAt must be after startAt", "/endAt");
        }
        Instant now = now();
        if (cron.next(now) == null) {
            throw new BadRequestException("cron '" + spec.cron() + "' never fires", "/cron");
        }
        Optional<ScheduleRow> existing = repository.findForUpdate(namespace.name(), spec.name());
        ScheduleRow row = existing.orElseGet(() -> new ScheduleRow(namespace, spec.name(), now));
        row.setCron(spec.cron().strip());
        row.setTimezone(cron.zone().getId());
        row.setTarget(spec.stateMachine(), spec.stateMachine() == null ? null : spec.version(),
                spec.job() == null ? null : Json.write(spec.job()));
        row.setInput(spec.input() == null ? null : Json.write(spec.input()));
        row.setOverlap(spec.overlap() == null ? ScheduleOverlap.ALLOW : spec.overlap());
        row.setCatchUp(spec.catchUp() == null ? ScheduleCatchUp.NONE : spec.catchUp());
        if (spec.paused() != null) {
            row.setPaused(spec.paused());
        }
        row.setWindow(micros(spec.startAt()), micros(spec.endAt()));
        row.setNextFireAt(FireTimes.firstFire(cron, now, row.getStartAt(), row.getEndAt()));
        row.setUpdatedAt(now);
        ScheduleRow saved = repository.saveAndFlush(row);
        events.publishEvent(new ScheduleChanged(spec.name()));
        return new Put(ScheduleView.of(saved), existing.isEmpty());
    }

    @Transactional(transactionManager = ScheduleRepository.TRANSACTION_MANAGER, readOnly = true)
    public Optional<ScheduleView> find(Namespace namespace, String name) {
        return repository.findById(new ScheduleRow.Key(namespace, name)).map(ScheduleView::of);
    }

    /**
     * {@code namespace}'s schedules by name, a page at a time.
     *
     * @param after the previous page's last name; null for the first page
     */
    @Transactional(transactionManager = ScheduleRepository.TRANSACTION_MANAGER, readOnly = true)
    public List<ScheduleView> page(Namespace namespace, String after, int limit) {
        return repository.findByNamespaceAndNameGreaterThanOrderByNameAsc(namespace.name(),
                after == null ? "" : after, Limit.of(limit)).stream().map(ScheduleView::of).toList();
    }

    /** @return false when there was no such schedule. Executions it started are left as they are. */
    @Transactional(transactionManager = ScheduleRepository.TRANSACTION_MANAGER)
    public boolean delete(Namespace namespace, String name) {
        Optional<ScheduleRow> row = repository.findForUpdate(namespace.name(), name);
        row.ifPresent(repository::delete);
        return row.isPresent();
    }

    /** Stops firing until resumed; fires that come due meanwhile are never made up for. */
    @Transactional(transactionManager = ScheduleRepository.TRANSACTION_MANAGER)
    public ScheduleView pause(Namespace namespace, String name) {
        ScheduleRow row = locked(namespace, name);
        if (!row.isPaused()) {
            row.setPaused(true);
            row.setUpdatedAt(now());
        }
        return ScheduleView.of(row);
    }

    /** Fires again from the next fire after now (the fires missed while paused are not made up for). */
    @Transactional(transactionManager = ScheduleRepository.TRANSACTION_MANAGER)
    public ScheduleView resume(Namespace namespace, String name) {
        ScheduleRow row = locked(namespace, name);
        if (row.isPaused()) {
            Instant now = now();
            row.setPaused(false);
            row.setNextFireAt(FireTimes.firstFire(CronSchedule.parse(row.getCron(), row.getTimezone()), now,
                    row.getStartAt(), row.getEndAt()));
            row.setUpdatedAt(now);
            events.publishEvent(new ScheduleChanged(name));
        }
        return ScheduleView.of(row);
    }

    private ScheduleRow locked(Namespace namespace, String name) {
        return repository.findForUpdate(namespace.name(), name)
                .orElseThrow(() -> new NotFoundException("schedule", name));
    }

    /** PostgreSQL keeps microseconds: what is returned must equal what a later read returns. */
    private Instant now() {
        return micros(clock.instant());
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
