package io.stepwise.asl.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics while the checks walk the definition; every check reports, none stops. */
final class Findings {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    void error(String code, String message, Location at) {
        diagnostics.add(new Diagnostic(Severity.ERROR, code, message, at.toString()));
    }

    void schema(String message, Location at) {
        error(DiagnosticCodes.SCHEMA_VALIDATION_FAILED, message, at);
    }

    void warning(String code, String message, Location at) {
        diagnostics.add(new Diagnostic(Severity.WARNING, code, message, at.toString()));
    }

    List<Diagnostic> toList() {
        return List.copyOf(diagnostics);
    }
}
