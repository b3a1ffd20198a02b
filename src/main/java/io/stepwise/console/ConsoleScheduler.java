package io.stepwise.console;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The console's one timer thread pair: live streams re-read their execution on it, the overview samples
 * the meters on it. Work on it is short (a read of a view, a send); it stops with the application.
 */
@Component
class ConsoleScheduler {

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("stepwise-console-", 0).factory());

    ScheduledFuture<?> every(Duration interval, Runnable work) {
        return timer.scheduleWithFixedDelay(work, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
