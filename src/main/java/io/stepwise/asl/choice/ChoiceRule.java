package io.stepwise.asl.choice;

import io.stepwise.asl.StatesError;
import java.util.List;
import java.util.Objects;

/**
 * A JSONPath-dialect Choice rule: a comparison of a Variable with a literal or another path, or a
 * boolean combination of rules. Parse with {@link ChoiceRuleParser}.
 */
public sealed interface ChoiceRule {

    /**
     * Whether the rule holds for the data the resolver reads.
     *
     * @throws StatesError {@code States.Runtime} when a compared path resolves to nothing
     */
    boolean matches(PathResolver resolver);

    /** True when every rule is; evaluation stops at the first false one, as in the spec. */
    record And(List<ChoiceRule> rules) implements ChoiceRule {

        public And {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(PathResolver resolver) {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(resolver)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** True when any rule is; evaluation stops at the first true one. */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {

        public Or {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(PathResolver resolver) {
            for (ChoiceRule rule : rules) {
                if (rule.matches(resolver)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {

        public Not {
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public boolean matches(PathResolver resolver) {
            return !rule.matches(resolver);
        }
    }

    /** {@code Variable} compared by {@code operator} with {@code operand}. */
    record Comparison(String variable, ComparisonOperator operator, Operand operand) implements ChoiceRule {

        public Comparison {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public boolean matches(PathResolver resolver) {
            var value = resolver.resolve(variable);
            if (operator == ComparisonOperator.IS_PRESENT) {
                return value.isPresent() == operand.literal().booleanValue();
            }
            var left = value.orElseThrow(() -> invalidPath(variable));
            var right = switch (operand) {
                case Operand.Literal literal -> literal.value();
                case Operand.Path path -> resolver.resolve(path.path()).orElseThrow(() -> invalidPath(path.path()));
            };
            return operator.test(left, right);
        }

        private static StatesError invalidPath(String path) {
            // AWS's wording, as it appears in real execution failures
            return StatesError.runtime(
                    "Invalid path '" + path + "': The choice state's condition path references an invalid value.");
        }
    }
}
