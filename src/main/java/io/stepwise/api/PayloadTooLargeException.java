package io.stepwise.api;

/** A definition, input or whole request over its configured size; {@code pointer} names the field. */
class PayloadTooLargeException extends RuntimeException {

    private final String pointer;

    PayloadTooLargeException(String message, String pointer) {
        super(message);
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }
}
