package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComparisonFieldTest {

    @Test
    void aFieldNamesAnOperatorAndWhetherItComparesWithAPath() {
        assertThat(ComparisonField.named("NumericEquals"))
                .contains(new ComparisonField(ComparisonOperator.NUMERIC_EQUALS, false));
        assertThat(ComparisonField.named("NumericEqualsPath"))
                .contains(new ComparisonField(ComparisonOperator.NUMERIC_EQUALS, true));
    }

    @Test
    void patternsAndTypeTestsHaveNoPathForm() {
        assertThat(ComparisonField.named("StringMatchesPath")).isEmpty();
        assertThat(ComparisonField.named("IsNullPath")).isEmpty();
    }

    @Test
    void otherRuleFieldsAreNotComparisons() {
        assertThat(ComparisonField.named("Variable")).isEmpty();
        assertThat(ComparisonField.named("And")).isEmpty();
        assertThat(ComparisonField.named("Path")).isEmpty();
    }
}
