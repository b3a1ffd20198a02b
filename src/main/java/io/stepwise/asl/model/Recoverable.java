package io.stepwise.asl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** States that do work and so may fail, be retried and be caught: Task, Parallel and Map. */
public sealed interface Recoverable extends State permits TaskState, ParallelState, MapState {

    List<Retrier> retry();

    List<Catcher> catchers();

    JsonNode resultSelector();

    /** {@code "$"} when absent, null when set to JSON null. */
    String resultPath();
}
