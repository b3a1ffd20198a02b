package io.stepwise.asl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Map: runs the item processor once per item. Numeric settings may be given literally, by path, or
 * (in JSONata) as expressions, so they stay JSON until the state runs. The legacy {@code Iterator} and
 * {@code Parameters} arrive here as {@code itemProcessor} and {@code itemSelector}.
 */
public record MapState(
        Common common,
        StateMachine itemProcessor,
        String itemsPath,
        JsonNode items,
        JsonNode itemSelector,
        JsonNode itemReader,
        JsonNode itemBatcher,
        JsonNode resultWriter,
        JsonNode maxConcurrency,
        String maxConcurrencyPath,
        JsonNode toleratedFailureCount,
        String toleratedFailureCountPath,
        JsonNode toleratedFailurePercentage,
        String toleratedFailurePercentagePath,
        String label,
        JsonNode resultSelector,
        String resultPath,
        List<Retrier> retry,
        List<Catcher> catchers) implements Recoverable {

    @Override
    public String type() {
        return StateType.MAP.aslName();
    }
}
