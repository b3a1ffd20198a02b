package io.stepwise.asl.intrinsic;

import io.stepwise.asl.jsonpath.JsonPath;

import tools.jackson.databind.JsonNode;

/** One argument of an intrinsic function call, as written. */
public sealed interface IntrinsicArgument permits IntrinsicArgument.Text, IntrinsicArgument.Literal,
        IntrinsicArgument.Path, IntrinsicCall {

    /**
     * A quoted string. {@code raw} keeps the escapes as written because States.Format must tell an
     * escaped brace ({@code \{}) from a placeholder; {@code value} has them resolved.
     */
    record Text(String value, String raw) implements IntrinsicArgument {
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Literal(JsonNode value) implements IntrinsicArgument {
    }

    /** A JSONPath on the input ({@code $}), the context object ({@code $$}) or a variable ({@code $name}). */
    record Path(JsonPath path) implements IntrinsicArgument {
    }
}
