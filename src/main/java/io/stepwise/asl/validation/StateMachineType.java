package io.stepwise.asl.validation;

/** Express machines cannot wait for callbacks or jobs, so a few Task resources are refused for them. */
public enum StateMachineType {
    STANDARD,
    EXPRESS
}
