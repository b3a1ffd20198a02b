package io.stepwise.console;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionFilter;
import io.stepwise.store.Executions;
import io.stepwise.store.Page;
import io.stepwise.store.Namespace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How many executions match a filter, by status, counted through the listing the REST API pages with
 * ({@link Executions#page}): one page of at most {@value #LIMIT} per status, so a count costs a bounded
 * read and a larger one shows as "100+".
 */
@Component
class ExecutionCounts {

    static final int LIMIT = 100;
    static final List<ExecutionStatus> SHOWN = List.of(ExecutionStatus.RUNNING, ExecutionStatus.FAILED,
            ExecutionStatus.TIMED_OUT, ExecutionStatus.ABORTED, ExecutionStatus.SUCCEEDED);

    private final Executions executions;

    ExecutionCounts(Executions executions) {
        this.executions = executions;
    }

    /** "3", or "100+" beyond {@value #LIMIT}. */
    String count(ExecutionFilter filter) {
        Page<?, ?> page = executions.page(filter, null, LIMIT);
        return page.next() == null ? Integer.toString(page.items().size()) : LIMIT + "+";
    }

    /** Each shown status's count under the filter (its own status, if any, is replaced). */
    Map<String, String> byStatus(ExecutionFilter filter) {
        Map<String, String> counts = new LinkedHashMap<>();
        for (ExecutionStatus status : SHOWN) {
            counts.put(status.name(), count(new ExecutionFilter(filter.stateMachine(), status, filter.startedAfter(),
                    filter.startedBefore(), filter.namespace())));
        }
        return counts;
    }
}
