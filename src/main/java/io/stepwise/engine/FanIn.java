package io.stepwise.engine;

import java.util.function.Supplier;

/**
 * The rules of a Parallel's or Map's children that the store carries out across replicas: in which
 * status each child starts, and what one child's end means for its parent and siblings. The store
 * persists what these answer; it decides nothing about the language itself.
 */
public final class FanIn {

    private FanIn() {
    }

    /** What the end of children asks for. */
    public enum AfterChild {
        /** a failure beyond the tolerance: cut the unfinished siblings off and let the parent join now */
        JOIN_CANCELLING_THE_REST,
        /** the last child ended: the parent joins */
        JOIN,
        /** others still run: a child waiting for a MaxConcurrency slot may start */
        START_NEXT
    }

    /**
     * The status the child at {@code position} (0-based, in start order) starts in: READY, or BLOCKED
     * beyond {@code maxConcurrency} (0 for unlimited), until a sibling's end lets it start.
     */
    public static StepStatus startStatus(int position, int maxConcurrency) {
        return maxConcurrency <= 0 || position < maxConcurrency ? StepStatus.READY : StepStatus.BLOCKED;
    }

    /**
     * Children ended together ({@code failedNow} of them failed); {@code failed} children (these
     * included) have failed so far and {@code pending} are still unfinished. As if they had ended one
     * by one: the tolerance only tightens as failures add up, so the last of them decides. The fan-out
     * (whose tolerance applies) is asked for only when one of them failed.
     */
    public static AfterChild afterChildren(int failedNow, int failed, int pending, Supplier<Outcome.FanOut> fanOut) {
        if (failedNow > 0) {
            Outcome.FanOut f = fanOut.get();
            if (!f.tolerance().tolerates(failed, f.children().size())) {
                return AfterChild.JOIN_CANCELLING_THE_REST;
            }
        }
        return pending == 0 ? AfterChild.JOIN : AfterChild.START_NEXT;
    }
}
