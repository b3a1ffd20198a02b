package io.stepwise.task;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a running handler that its run was cancelled: the execution was stopped, or the worker lost
 * the step's lease and its result would be discarded anyway. The worker creates one per run and calls
 * {@link #cancel()}; a handler reads {@link #isCancelled()} or waits with {@link #await(Duration)}.
 *
 * <p>While {@link TaskHandlers#invoke(TaskRequest)} runs a handler, {@code cancel()} also interrupts the
 * thread running it, so handlers that block interruptibly (I/O, {@code Thread.sleep}, locks) stop
 * without polling the flag. The interrupt is cleared again when the handler returns.
 */
public final class Cancellation {

    private final CountDownLatch signal = new CountDownLatch(1);
    // guarded by this: the thread to interrupt on cancel, and whether we did
    private Thread runner;
    private boolean interruptedRunner;
    private final List<Cancellation> children = new ArrayList<>();

    public boolean isCancelled() {
        return signal.getCount() == 0;
    }

    /** Cancels the run; idempotent. */
    public synchronized void cancel() {
        if (isCancelled()) {
            return;
        }
        signal.countDown();
        if (runner != null) {
            runner.interrupt();
            interruptedRunner = true;
        }
        children.forEach(Cancellation::cancel);
    }

    /**
     * A cancellation that this one's cancel also cancels, but that can be cancelled on its own: one
     * task's timeout must not cancel the next task of the same step.
     */
    public synchronized Cancellation child() {
        Cancellation child = new Cancellation();
        if (isCancelled()) {
            child.cancel();
        } else {
            children.add(child);
        }
        return child;
    }

    /** Forgets a finished child, so a long run of tasks does not keep them all. */
    public synchronized void release(Cancellation child) {
        children.remove(child);
    }

    /**
     * Waits until the run is cancelled or the timeout passes: an interruptible sleep that ends early on
     * cancellation.
     *
     * @return true if the run was cancelled
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return signal.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @throws TaskCancelledException if the run was cancelled */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new TaskCancelledException();
        }
    }

    synchronized void attach(Thread thread) {
        runner = thread;
    }

    /** @return whether {@link #cancel()} interrupted the attached thread */
    synchronized boolean detach() {
        runner = null;
        boolean interrupted = interruptedRunner;
        interruptedRunner = false;
        return interrupted;
    }
}
