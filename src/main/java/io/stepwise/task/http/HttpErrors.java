package io.stepwise.task.http;

/** The error names an HTTP task fails with, beyond the States Language's own. */
final class HttpErrors {

    /** AWS's name for a network failure of an HTTP task: no response arrived. */
    static final String SOCKET = "States.Http.Socket";
    /** Followed by the status code: {@code States.Http.StatusCode.404}. */
    static final String STATUS_CODE_PREFIX = "States.Http.StatusCode.";
    /**
     * The connection could not authenticate (the token endpoint refused or could not be reached); the
     * name EventBridge gives a connection that is not authorized.
     */
    static final String CONNECTION_STATE = "Events.ConnectionResource.InvalidConnectionState";

    private HttpErrors() {
    }
}
