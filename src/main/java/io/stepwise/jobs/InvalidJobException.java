package io.stepwise.jobs;

/** A job the service refuses as given; {@code pointer} names the offending field within the job ("/type"). */
public class InvalidJobException extends RuntimeException {

    private final String pointer;

    public InvalidJobException(String message, String pointer) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
