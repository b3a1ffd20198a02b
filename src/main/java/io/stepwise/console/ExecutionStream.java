package io.stepwise.console;

import io.stepwise.api.ExecutionFilters;
import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionFilter;
import io.stepwise.store.Namespace;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's server-sent events: an execution's page live ({@code update}: an
 * {@link ExecutionPresenter.Update}; {@code end} once it has finished), and the executions listing's
 * counts ({@code counts}). Each open stream looks again on the console's timer (an execution every
 * {@code stepwise.console.refresh-interval}, streams of one execution sharing one read; counts every
 * {@value #COUNTS_EVERY_SECONDS} s) and sends only what changed, with a comment every few seconds so that
 * a browser that left is noticed and its stream stopped. At most {@code max-streams} are open at once.
 */
@Hidden
@Controller
class ExecutionStream implements SmartLifecycle {

    static final int COUNTS_EVERY_SECONDS = 2;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    /** What a stream sends next: an event, and whether it is the last; null when nothing changed. */
    private record Next(String name, String json, boolean last) {
    }

    private final ExecutionViews views;
    private final ExecutionCounts counts;
    private final ConsoleScheduler scheduler;
    private final ConsoleProperties properties;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    ExecutionStream(ExecutionViews views, ExecutionCounts counts, ConsoleScheduler scheduler,
            ConsoleProperties properties) {
        this.views = views;
        this.counts = counts;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** @param after the last event id the page has (its timeline shows up to there) */
    @GetMapping(path = "/console/executions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter execution(@PathVariable UUID id, @RequestParam(defaultValue = "0") long after, Namespace namespace) {
        views.read(namespace, id, view -> null); // a 404 problem now, before the stream starts
        long[] lastEventId = {after};
        String[] lastSent = {""};
        return open(properties.refreshInterval(), () -> {
            ExecutionPresenter.Update update = views.read(namespace, id,
                    view -> ExecutionPresenter.update(view, lastEventId[0]));
            String signature = update.status() + update.states();
            if (update.events().isEmpty() && !update.reloadTimeline() && signature.equals(lastSent[0])
                    && !update.finished()) {
                return null;
            }
            lastSent[0] = signature;
            lastEventId[0] = update.lastEventId();
            return new Next("update", Json.MAPPER.writeValueAsString(update), update.finished());
        });
    }

    /** The listing's counts by status under its filters (the status filter aside), live. */
    @GetMapping(path = "/console/executions/counts", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter counts(@RequestParam(required = false) String stateMachine,
            @RequestParam(required = false) String startedAfter, @RequestParam(required = false) String startedBefore,
            Namespace namespace) {
        ExecutionFilter filter = ExecutionFilters.of(namespace, ExecutionPages.blank(stateMachine), null,
                ExecutionPages.blank(startedAfter), ExecutionPages.blank(startedBefore));
        String[] lastSent = {""};
        return open(Duration.ofSeconds(COUNTS_EVERY_SECONDS), () -> {
            Map<String, String> now = counts.byStatus(filter);
            String json = Json.MAPPER.writeValueAsString(now);
            if (json.equals(lastSent[0])) {
                return null;
            }
            lastSent[0] = json;
            return new Next("counts", json, false);
        });
    }

    private SseEmitter open(Duration every, Supplier<Next> source) {
        if (open.incrementAndGet() > properties.maxStreams()) {
            open.decrementAndGet();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "This replica already streams "
                    + properties.maxStreams() + " live pages (stepwise.console.max-streams); reload later.");
        }
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> future = task.getAndSet(null);
            if (future != null) {
                future.cancel(false);
                open.decrementAndGet();
            }
            emitters.remove(emitter);
        };
        emitters.add(emitter);
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        Watch watch = new Watch(emitter, source, stop);
        task.set(scheduler.every(every, watch::tick));
        return emitter;
    }

    int openStreams() {
        return open.get();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown starts (a higher phase stops first),
     * which would otherwise wait its whole timeout for streams that never end by themselves.
     */
    @Override
    public void stop() {
        running = false;
        emitters.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One stream's ticks; they never overlap (fixed delay). */
    private static final class Watch {
        private final SseEmitter emitter;
        private final Supplier<Next> source;
        private final Runnable stop;
        private long lastWrite = System.nanoTime();

        Watch(SseEmitter emitter, Supplier<Next> source, Runnable stop) {
            this.emitter = emitter;
            this.source = source;
            this.stop = stop;
        }

        void tick() {
            try {
                Next next = source.get();
                if (next != null) {
                    emitter.send(SseEmitter.event().name(next.name()).data(next.json(), MediaType.APPLICATION_JSON));
                    lastWrite = System.nanoTime();
                    if (next.last()) {
                        emitter.send(SseEmitter.event().name("end").data("{}", MediaType.APPLICATION_JSON));
                        stop.run();
                        emitter.complete();
                    }
                } else if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastWrite = System.nanoTime();
                }
            } catch (IOException | IllegalStateException e) {
                stop.run(); // the browser left, or the stream already ended
            } catch (RuntimeException e) {
                stop.run();
                emitter.completeWithError(e);
            }
        }
    }
}
