package io.stepwise.asl;

import io.stepwise.asl.validation.Diagnostic;
import io.stepwise.asl.validation.Severity;
import java.util.List;

/** A definition that is not valid ASL, with every problem the validator found. */
public class InvalidDefinitionException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    public InvalidDefinitionException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).findFirst()
                .map(d -> d.message() + " (at " + d.location() + ")").orElse("The definition is not valid ASL."));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InvalidDefinitionException(String message, String location) {
        this(List.of(new Diagnostic(Severity.ERROR, "SCHEMA_VALIDATION_FAILED", message,
                location.isEmpty() ? "/" : location)));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The JSON pointer of the first error, into the definition. */
    public String location() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).findFirst()
                .map(Diagnostic::location).orElse("/");
    }
}
