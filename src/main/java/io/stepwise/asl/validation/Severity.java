package io.stepwise.asl.validation;

/** How serious a {@link Diagnostic} is: only errors make a definition unacceptable. */
public enum Severity {
    ERROR,
    WARNING
}
