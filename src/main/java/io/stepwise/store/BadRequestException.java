package io.stepwise.store;

/**
 * A request that is well-formed JSON but wrong (a job, a schedule, a start): answered 400
 * {@code invalid-request}, with {@code pointer} naming the offending field. The one such exception for
 * every capability, so the API maps it in one place; it lives here, beside {@link NotFoundException},
 * because jobs and schedules throw it too and may not use the api package.
 */
public class BadRequestException extends RuntimeException {

    private final String pointer;

    public BadRequestException(String message, String pointer) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
