package io.stepwise.observability;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * W3C {@code traceparent} text ({@code 00-<trace id>-<span id>-<flags>}) to and from a span context.
 * Written by hand rather than through the configured propagators: what Stepwise stores and hands to
 * task handlers is always this format, whatever {@code management.tracing.propagation.*} says.
 */
final class Traceparents {

    private static final String VERSION = "00";

    private Traceparents() {
    }

    static String format(SpanContext context) {
        return VERSION + "-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The stored context as a remote parent; null for null or anything that is not a valid traceparent. */
    static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != 55 || !traceparent.startsWith(VERSION + "-")
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return null;
        }
        String flags = traceparent.substring(53);
        if (!flags.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        SpanContext context = SpanContext.createFromRemoteParent(traceparent.substring(3, 35),
                traceparent.substring(36, 52), TraceFlags.fromHex(flags, 0), TraceState.getDefault());
        return context.isValid() ? context : null;
    }
}
