package io.stepwise.store;

/**
 * Where a page of history resumes: event {@code index} of the history row {@code seq}, which has the
 * id {@code eventId}. Two positions lie outside the rows: {@link #STARTED} (the ExecutionStarted event
 * derived from the execution) and {@link #END} (the event that ended it).
 */
public record HistoryPosition(long seq, int index, long eventId) {

    static final long STARTED_SEQ = 0;
    static final long END_SEQ = Long.MAX_VALUE;

    static final HistoryPosition STARTED = new HistoryPosition(STARTED_SEQ, 0, 1);

    static HistoryPosition end(long eventId) {
        return new HistoryPosition(END_SEQ, 0, eventId);
    }
}
