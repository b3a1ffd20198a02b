package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void everyFileParsesIntoNamedStatementsWithoutComments() {
        Map<String, String> all = SqlStatements.all();
        assertThat(all).containsKeys("StepClaimReady", "StepDeleteLeased", "ExecutionInsertMany", "HistoryAppend",
                "StateMachineInsertNextVersion");
        assertThat(all.get("StepClaimReady")).contains("FOR UPDATE SKIP LOCKED").doesNotContain("--").doesNotEndWith(";");
    }

    @Test
    void aNameDefinedTwiceIsRefused() {
        Map<String, String> into = new HashMap<>();
        assertThatThrownBy(() -> SqlStatements.parse("-- name: A\nSELECT 1;\n-- name: A\nSELECT 2;", into))
                .hasMessageContaining("defined twice");
    }
}
