package io.stepwise.api;

/** A request that is valid but clashes with the current state of what it names (409). */
class ConflictException extends RuntimeException {

    private final String type;
    private final String title;

    ConflictException(String type, String title, String detail) {
        super(detail);
        this.type = type;
        this.title = title;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }
}
