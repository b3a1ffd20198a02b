package io.stepwise.store;

/** Which jobs a listing shows; every field is optional (null). {@code status} is a job status name. */
public record JobFilter(String type, String queue, String status) {
}
