package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/state-machine.md is generated from ExecutionStatus and StepStatus. Run with
 * {@code -Dstepwise.writeDocs=true} to rewrite it after changing them; otherwise a stale document fails.
 */
class StateMachineDocTest {

    static final Path DOC = Path.of("docs/state-machine.md");

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Execution and step statuses\n\n");
        md.append("Generated from `engine.ExecutionStatus` and `engine.StepStatus` by `StateMachineDocTest`; ")
                .append("do not edit by hand (`./mvnw test -Dtest=StateMachineDocTest -Dstepwise.writeDocs=true`).\n\n");
        md.append("## Execution\n\n```mermaid\nstateDiagram-v2\n");
        for (var initial : ExecutionStatus.initial()) {
            md.append("    [*] --> ").append(initial.status()).append(": ").append(initial.cause()).append('\n');
        }
        for (var move : ExecutionStatus.moves()) {
            md.append("    ").append(move.from()).append(" --> ").append(move.to()).append(": ").append(move.cause())
                    .append('\n');
        }
        md.append("```\n\n| status | finished |\n|---|---|\n");
        Arrays.stream(ExecutionStatus.values()).forEach(s -> md.append("| ").append(s).append(" | ")
                .append(s.isFinished() ? "yes" : "no").append(" |\n"));
        md.append("\n## Step\n\nA step is one position of an execution in the queue (table `step`). A top-level ")
                .append("step that ends successfully is deleted with the rest of its execution's steps.\n\n");
        md.append("```mermaid\nstateDiagram-v2\n");
        for (var initial : StepStatus.initial()) {
            md.append("    [*] --> ").append(initial.status()).append(": ").append(initial.cause()).append('\n');
        }
        for (var move : StepStatus.moves()) {
            md.append("    ").append(move.from()).append(" --> ").append(move.to()).append(": ").append(move.cause())
                    .append('\n');
        }
        md.append("    RUNNING --> [*]: top-level frame succeeded (deleted)\n")
                .append("    SUCCEEDED --> [*]: joined by the parent (deleted)\n```\n\n");
        md.append("| status | meaning |\n|---|---|\n");
        md.append(Arrays.stream(StepStatus.values()).map(s -> "| " + s + " | " + s.meaning() + " |")
                .collect(Collectors.joining("\n"))).append('\n');
        return md.toString();
    }

    @Test
    void theDocumentMatchesTheCode() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("stepwise.writeDocs")) {
            Files.writeString(DOC, expected);
        }
        assertThat(Files.exists(DOC)).as("docs/state-machine.md exists").isTrue();
        assertThat(Files.readString(DOC)).as("docs/state-machine.md is stale: regenerate it (see the class comment)")
                .isEqualTo(expected);
    }

    @Test
    void everyStepStatusIsReachableAndEveryMoveIsBetweenDistinctStatuses() {
        var reachable = StepStatus.moves().stream().map(StepStatus.Move::to).collect(Collectors.toSet());
        StepStatus.initial().forEach(initial -> reachable.add(initial.status()));
        assertThat(reachable).containsExactlyInAnyOrder(StepStatus.values());
        assertThat(StepStatus.moves()).allMatch(m -> m.from() != m.to());
        assertThat(ExecutionStatus.moves()).allMatch(m -> m.from() != m.to());
    }
}
