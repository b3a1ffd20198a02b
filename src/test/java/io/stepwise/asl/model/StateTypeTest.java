package io.stepwise.asl.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateTypeTest {

    @Test
    void namesMatchExactlyAsAwsDoes() {
        assertThat(StateType.fromAslName("Map")).contains(StateType.MAP);
        assertThat(StateType.fromAslName("map")).isEmpty();
        assertThat(QueryLanguage.fromAslName("JSONata")).contains(QueryLanguage.JSONATA);
        assertThat(QueryLanguage.fromAslName("jsonata")).isEmpty();
    }

    @Test
    void onlyChoiceSucceedAndFailDoWithoutNextOrEnd() {
        assertThat(StateType.values()).filteredOn(type -> !type.takesNextOrEnd())
                .containsExactly(StateType.SUCCEED, StateType.FAIL, StateType.CHOICE);
    }

    @Test
    void fieldsBelongToTheirQueryLanguage() {
        assertThat(StateType.TASK.allows("Parameters", QueryLanguage.JSONPATH)).isTrue();
        assertThat(StateType.TASK.allows("Parameters", QueryLanguage.JSONATA)).isFalse();
        assertThat(StateType.TASK.allows("Arguments", QueryLanguage.JSONATA)).isTrue();
        assertThat(StateType.SUCCEED.allows("Comment", QueryLanguage.JSONATA)).isTrue();
        assertThat(StateType.SUCCEED.allows("Next", QueryLanguage.JSONPATH)).isFalse();
    }
}
