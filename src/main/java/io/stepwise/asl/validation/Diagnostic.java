package io.stepwise.asl.validation;

import java.util.Objects;

/**
 * One problem found in a state machine definition, shaped like AWS's
 * ValidateStateMachineDefinitionDiagnostic so API responses can be passed straight through.
 *
 * @param code     one of {@link DiagnosticCodes}
 * @param location a JSON pointer (RFC 6901) into the definition; {@code "/"} is the whole definition,
 *                 as AWS reports it
 */
public record Diagnostic(Severity severity, String code, String message, String location) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
