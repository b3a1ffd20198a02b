package io.stepwise.schedule;

/** A schedule was created, replaced or resumed on this replica: the firing loop looks again at once. */
record ScheduleChanged(String name) {
}
