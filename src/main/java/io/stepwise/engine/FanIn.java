package io.stepwise.engine;

/**
 * The rules of a Parallel's or Map's children that the store carries out across replicas: in which
 * status each child starts, and what one child's end means for its parent and siblings. The store
 * persists what these answer; it decides nothing about the language itself.
 */
public final class FanIn {

    private FanIn() {
    }

    /** What the end of one child asks for. */
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
     * A child ended; {@code failed} children (this one included) have failed so far and {@code pending}
     * are still unfinished.
     */
    public static AfterChild afterChild(Outcome.FanOut fanOut, boolean succeeded, int failed, int pending) {
        if (!succeeded && !fanOut.tolerance().tolerates(failed, fanOut.children().size())) {
            return AfterChild.JOIN_CANCELLING_THE_REST;
        }
        return pending == 0 ? AfterChild.JOIN : AfterChild.START_NEXT;
    }
}
