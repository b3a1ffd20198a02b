package io.stepwise.console;

import io.stepwise.asl.Json;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * An execution's page, live: server-sent events ({@code update}: an {@link ExecutionPresenter.Update};
 * {@code end} once it has finished). Each open stream looks at its {@link ExecutionViews} view every
 * {@code stepwise.console.refresh-interval} on the console's timer (streams of one execution share
 * one read) and sends only when something changed, with a comment every few seconds so that a
 * browser that left is noticed and its stream stopped. At most {@code max-streams} are open at once.
 */
@Hidden
@Controller
class ExecutionStream implements SmartLifecycle {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private final ExecutionViews views;
    private final ConsoleScheduler scheduler;
    private final ConsoleProperties properties;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    ExecutionStream(ExecutionViews views, ConsoleScheduler scheduler, ConsoleProperties properties) {
        this.views = views;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** @param after the last event id the page has (its timeline shows up to there) */
    @GetMapping(path = "/console/executions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable UUID id, @RequestParam(defaultValue = "0") long after) {
        views.read(id, view -> null); // a 404 problem now, before the stream starts
        if (open.incrementAndGet() > properties.maxStreams()) {
            open.decrementAndGet();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "This replica already streams "
                    + properties.maxStreams() + " live pages (stepwise.console.max-streams); reload later.");
        }
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Watch watch = new Watch(id, emitter, after);
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
        watch.onStop(stop);
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        task.set(scheduler.every(properties.refreshInterval(), watch::tick));
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

    /** One stream: what it last sent, so it sends only what changed. Ticks never overlap (fixed delay). */
    private final class Watch {
        private final UUID id;
        private final SseEmitter emitter;
        private long lastEventId;
        private String lastSent = "";
        private long lastWrite = System.nanoTime();
        private Runnable stop = () -> { };

        Watch(UUID id, SseEmitter emitter, long after) {
            this.id = id;
            this.emitter = emitter;
            this.lastEventId = after;
        }

        void onStop(Runnable stop) {
            this.stop = stop;
        }

        void tick() {
            try {
                ExecutionPresenter.Update update = views.read(id, view -> ExecutionPresenter.update(view, lastEventId));
                String json = Json.MAPPER.writeValueAsString(update);
                String signature = update.status() + update.states();
                if (!update.events().isEmpty() || update.reloadTimeline() || !signature.equals(lastSent)) {
                    emitter.send(SseEmitter.event().name("update").data(json, MediaType.APPLICATION_JSON));
                    lastSent = signature;
                    lastEventId = update.lastEventId();
                    lastWrite = System.nanoTime();
                }
                if (update.finished()) {
                    emitter.send(SseEmitter.event().name("end").data("{}", MediaType.APPLICATION_JSON));
                    stop.run();
                    emitter.complete();
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
