package io.stepwise.schedule;

/** A schedule that cannot be kept as given; {@code pointer} names the field of the request at fault. */
public class InvalidScheduleException extends RuntimeException {

    private final String pointer;

    public InvalidScheduleException(String message, String pointer) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
