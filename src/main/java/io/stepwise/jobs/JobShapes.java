package io.stepwise.jobs;

import io.stepwise.store.BadRequestException;
import io.stepwise.asl.Definitions;
import io.stepwise.asl.InvalidDefinitionException;
import io.stepwise.asl.Json;
import io.stepwise.asl.validation.Diagnostic;
import io.stepwise.store.JobRecords;
import io.stepwise.store.JobShape;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Checks a job's shape before its first job is submitted: the database writes the generated definition
 * ({@code stepwise.job_definition_text}), and here it meets the same validator as any definition, so a
 * type that is no Task resource is a 400 at {@code /type} rather than a job that fails. Shapes found
 * valid are remembered, so a known shape costs nothing.
 */
@Component
class JobShapes {

    /** Enough for every shape a deployment uses; a client inventing types cannot grow it without bound. */
    static final int REMEMBERED = 10_000;

    /** Where each field of the generated Task comes from in a job request. */
    private static final Map<String, String> POINTERS = Map.of(
            "/States/Job/Resource", "/type",
            "/States/Job/TimeoutSeconds", "/timeoutSeconds",
            "/States/Job/Retry/0/MaxAttempts", "/maxAttempts",
            "/States/Job/Retry/0/IntervalSeconds", "/backoff/initialSeconds",
            "/States/Job/Retry/0/BackoffRate", "/backoff/rate",
            "/States/Job/Retry/0/MaxDelaySeconds", "/backoff/maxSeconds",
            "/States/Job/Retry/0/JitterStrategy", "/backoff/jitter");

    private final JobRecords records;
    private final Set<JobShape> valid = ConcurrentHashMap.newKeySet();

    JobShapes(JobRecords records) {
        this.records = records;
    }

    /** @throws BadRequestException pointing at the job's field that makes the definition invalid */
    void check(JobShape shape) {
        if (valid.contains(shape)) {
            return;
        }
        try {
            Definitions.validateAndParse(Json.parse(records.definitionText(shape)));
        } catch (InvalidDefinitionException e) {
            Diagnostic first = e.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
            throw new BadRequestException(first.message(), POINTERS.getOrDefault(first.location(), "/type"));
        }
        if (valid.size() >= REMEMBERED) {
            valid.clear();
        }
        valid.add(shape);
    }
}
