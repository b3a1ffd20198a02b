package io.stepwise.asl.choice;

import java.util.Optional;

/**
 * A comparison as a Choice rule's field names it: {@code NumericEquals} compares the Variable with the
 * literal beside it, {@code NumericEqualsPath} with the value at the path beside it.
 */
public record ComparisonField(ComparisonOperator operator, boolean comparesWithPath) {

    private static final String PATH_SUFFIX = "Path";

    /** Empty for every other field of a rule (Variable, Next, And, ...) and for unknown operators. */
    public static Optional<ComparisonField> named(String field) {
        var literal = ComparisonOperator.byAwsName(field);
        if (literal.isPresent()) {
            return Optional.of(new ComparisonField(literal.get(), false));
        }
        if (!field.endsWith(PATH_SUFFIX)) {
            return Optional.empty();
        }
        return ComparisonOperator.byAwsName(field.substring(0, field.length() - PATH_SUFFIX.length()))
                .filter(ComparisonOperator::hasPathForm)
                .map(operator -> new ComparisonField(operator, true));
    }
}
