package io.stepwise.bench;

/** What else is in the tables while a drain runs: (b) drains an empty queue, (d) a queue with a backlog. */
enum Backlog {
    /** Only the timed executions. */
    NONE,
    /** bench.backlog more ready executions in the same queue, seeded after the timed ones so they are claimed last. */
    WAITING,
    /** bench.backlog finished executions kept with their history, as a service that never prunes has them. */
    KEPT
}
