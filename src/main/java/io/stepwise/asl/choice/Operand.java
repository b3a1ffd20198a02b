package io.stepwise.asl.choice;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** What a Variable is compared with: a value written in the rule, or another path ({@code ...Path}). */
public sealed interface Operand {

    /** The literal value; only meaningful for {@link Literal}. */
    default JsonNode literal() {
        throw new IllegalStateException("not a literal operand: " + this);
    }

    record Literal(JsonNode value) implements Operand {

        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode literal() {
            return value;
        }
    }

    record Path(String path) implements Operand {

        public Path {
            Objects.requireNonNull(path, "path");
        }
    }
}
