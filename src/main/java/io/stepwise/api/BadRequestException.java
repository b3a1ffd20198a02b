package io.stepwise.api;

/** A request that is well-formed JSON but wrong; {@code pointer} names the offending field. */
class BadRequestException extends RuntimeException {

    private final String pointer;

    BadRequestException(String message, String pointer) {
        super(message);
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }
}
