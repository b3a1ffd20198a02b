package io.stepwise.asl.jsonpath;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The predicate inside {@code [?( )]}, with Jayway JsonPath's meaning (the library behind AWS's
 * JSONPath): a bare path tests that the path exists, not that its value is truthy, and a
 * comparison with a missing operand is false (except {@code !=}, which is "not equal").
 */
sealed interface FilterExpression {

    boolean test(JsonNode item, JsonNode documentRoot);

    record Exists(Operand.PathOperand path) implements FilterExpression {
        public boolean test(JsonNode item, JsonNode documentRoot) {
            return path.resolve(item, documentRoot).isPresent();
        }
    }

    record Not(FilterExpression inner) implements FilterExpression {
        public boolean test(JsonNode item, JsonNode documentRoot) {
            return !inner.test(item, documentRoot);
        }
    }

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode item, JsonNode documentRoot) {
            return left.test(item, documentRoot) && right.test(item, documentRoot);
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode item, JsonNode documentRoot) {
            return left.test(item, documentRoot) || right.test(item, documentRoot);
        }
    }

    record Comparison(Operand left, String operator, Operand right) implements FilterExpression {
        public boolean test(JsonNode item, JsonNode documentRoot) {
            if (operator.equals("=~")) {
                Optional<JsonNode> value = left.resolve(item, documentRoot);
                return right instanceof Operand.RegexOperand regex && value.isPresent() && value.get().isString()
                        && regex.pattern().matcher(value.get().stringValue()).matches();
            }
            Optional<JsonNode> l = left.resolve(item, documentRoot);
            Optional<JsonNode> r = right.resolve(item, documentRoot);
            if (operator.equals("!=")) {
                return !(l.isPresent() && r.isPresent() && JsonValues.sameValue(l.get(), r.get()));
            }
            if (l.isEmpty() || r.isEmpty()) {
                return false;
            }
            return compare(l.get(), r.get());
        }

        private boolean compare(JsonNode l, JsonNode r) {
            return switch (operator) {
                case "==" -> JsonValues.sameValue(l, r);
                case "<", "<=", ">", ">=" -> ordered(l, r);
                case "in" -> r.isArray() && contains(r, l);
                case "nin" -> r.isArray() && !contains(r, l);
                case "subsetof" -> l.isArray() && r.isArray() && all(l, r, true);
                case "anyof" -> l.isArray() && r.isArray() && !all(l, r, false);
                case "noneof" -> l.isArray() && r.isArray() && all(l, r, false);
                case "size" -> r.isNumber() && sizeOf(l) >= 0 && BigDecimal.valueOf(sizeOf(l)).compareTo(r.decimalValue()) == 0;
                case "empty" -> r.isBoolean() && sizeOf(l) >= 0 && (sizeOf(l) == 0) == r.booleanValue();
                default -> throw new IllegalStateException("unparsed operator " + operator);
            };
        }

        private boolean ordered(JsonNode l, JsonNode r) {
            int order;
            if (l.isNumber() && r.isNumber()) {
                order = l.decimalValue().compareTo(r.decimalValue());
            } else if (l.isString() && r.isString()) {
                order = l.stringValue().compareTo(r.stringValue());
            } else {
                return false;
            }
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }

        private static boolean contains(JsonNode array, JsonNode value) {
            for (JsonNode element : array.values()) {
                if (JsonValues.sameValue(element, value)) {
                    return true;
                }
            }
            return false;
        }

        /** every=true: all of l are in r; every=false: none of l is in r. */
        private static boolean all(JsonNode l, JsonNode r, boolean every) {
            for (JsonNode element : l.values()) {
                if (contains(r, element) != every) {
                    return false;
                }
            }
            return true;
        }

        private static int sizeOf(JsonNode node) {
            if (node.isString()) {
                return node.stringValue().length();
            }
            return node.isArray() || node.isObject() ? node.size() : -1;
        }
    }

    sealed interface Operand {

        Optional<JsonNode> resolve(JsonNode item, JsonNode documentRoot);

        record Literal(JsonNode value) implements Operand {
            public Optional<JsonNode> resolve(JsonNode item, JsonNode documentRoot) {
                return Optional.of(value);
            }
        }

        record RegexOperand(Pattern pattern) implements Operand {
            public Optional<JsonNode> resolve(JsonNode item, JsonNode documentRoot) {
                return Optional.empty();
            }
        }

        /** {@code @...} (relative to the item) or {@code $...} (from the document root). */
        record PathOperand(boolean relative, List<Segment> segments) implements Operand {
            public Optional<JsonNode> resolve(JsonNode item, JsonNode documentRoot) {
                JsonNode start = relative ? item : documentRoot;
                if (segments.stream().allMatch(Segment::definite)) {
                    return PathEvaluator.definite(start, segments).found();
                }
                return Optional.of(PathEvaluator.all(start, segments, documentRoot));
            }
        }
    }
}
