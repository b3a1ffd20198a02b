package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.jsonataMachineWith;
import static io.stepwise.asl.validation.ValidationAssertions.machineWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MapParallelValidationTest {

    private static final String PROCESSOR =
            "\"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}";

    private static String map(String fields) {
        return machineWith("{\"Type\": \"Map\", \"End\": true, " + PROCESSOR + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    @Test
    void wellFormedMapsPass() {
        assertNoErrors(map("\"ItemsPath\": \"$.items\", \"ItemSelector\": {\"v.$\": \"$$.Map.Item.Value\"},"
                + " \"MaxConcurrency\": 0, \"ToleratedFailurePercentage\": 12.5, \"Label\": \"my-label\""));
        assertNoErrors(machineWith("{\"Type\": \"Map\", \"End\": true, \"Iterator\": {\"StartAt\": \"I\", \"States\":"
                + " {\"I\": {\"Type\": \"Pass\", \"End\": true}}}}"));
        assertNoErrors(jsonataMachineWith("{\"Type\": \"Map\", \"End\": true, " + PROCESSOR
                + ", \"Items\": \"{% $states.input.xs %}\", \"MaxConcurrency\": \"{% 2 %}\"}"));
    }

    @Test
    void processorIsRequiredAndExclusive() {
        assertSchemaError(machineWith("{\"Type\": \"Map\", \"End\": true}"), "/States/S");
        assertSchemaError(map("\"Iterator\": {\"StartAt\": \"J\", \"States\": {\"J\": {\"Type\": \"Succeed\"}}}"),
                "/States/S/Iterator");
    }

    @Test
    void processorConfigValues() {
        assertSchemaError(machineWith("{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"ProcessorConfig\":"
                + " {\"Mode\": \"BATCH\"}, \"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}}}"),
                "/States/S/ItemProcessor/ProcessorConfig/Mode");
    }

    @Test
    void limitsAndTheirPathFormsAreExclusiveAndInRange() {
        assertSchemaError(map("\"MaxConcurrency\": -1"), "/States/S/MaxConcurrency");
        assertSchemaError(map("\"MaxConcurrency\": 1, \"MaxConcurrencyPath\": \"$.m\""), "/States/S/MaxConcurrencyPath");
        assertSchemaError(map("\"ToleratedFailurePercentage\": 105"), "/States/S/ToleratedFailurePercentage");
        assertSchemaError(map("\"ToleratedFailureCount\": 0, \"ToleratedFailureCountPath\": \"$.c\""),
                "/States/S/ToleratedFailureCountPath");
        assertSchemaError(map("\"ToleratedFailurePercentagePath\": \"nope\""), "/States/S/ToleratedFailurePercentagePath");
    }

    @Test
    void labelRules() {
        assertSchemaError(map("\"Label\": \"\""), "/States/S/Label");
        assertSchemaError(map("\"Label\": \"" + "x".repeat(41) + "\""), "/States/S/Label");
        assertSchemaError(map("\"Label\": \"a$b\""), "/States/S/Label");
        assertSchemaError(map("\"Label\": \"a\\u0085b\""), "/States/S/Label");
    }

    @Test
    void readerWriterAndBatcherShapes() {
        assertSchemaError(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\":"
                + " {\"MaxItems\": 1, \"MaxItemsPath\": \"$.m\"}}"), "/States/S/ItemReader/ReaderConfig/MaxItemsPath");
        assertSchemaError(map("\"ItemReader\": {\"ReaderConfig\": {}}"), "/States/S/ItemReader");
        assertSchemaError(map("\"ResultWriter\": []"), "/States/S/ResultWriter");
        assertSchemaError(map("\"ItemBatcher\": {\"MaxItemsPerBatch\": 2, \"MaxItemsPerBatchPath\": \"$.b\"}"),
                "/States/S/ItemBatcher/MaxItemsPerBatchPath");
    }

    @Test
    void itemsPathIsJsonPathAndItemsIsJsonata() {
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Map\", \"End\": true, " + PROCESSOR
                + ", \"Items\": \"{% $states.input.xs %}\", \"ItemsPath\": \"$.xs\"}"), "/States/S/ItemsPath");
        assertSchemaError(map("\"Items\": [1, 2]"), "/States/S/Items");
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Map\", \"End\": true, " + PROCESSOR + ", \"Items\": 3}"),
                "/States/S/Items");
    }

    @Test
    void parallelNeedsNonEmptyBranchesOfMachines() {
        assertSchemaError(machineWith("{\"Type\": \"Parallel\", \"End\": true}"), "/States/S");
        assertSchemaError(machineWith("{\"Type\": \"Parallel\", \"End\": true, \"Branches\": []}"), "/States/S/Branches");
        assertSchemaError(machineWith("{\"Type\": \"Parallel\", \"End\": true, \"Branches\": [[]]}"),
                "/States/S/Branches/0");
        assertSchemaError(machineWith("{\"Type\": \"Parallel\", \"End\": true, \"Branches\": [{\"StartAt\": \"B\"}]}"),
                "/States/S/Branches/0");
    }

    @Test
    void statesInsideSubMachinesAreValidatedWithTheirPointers() {
        assertSchemaError(machineWith("{\"Type\": \"Parallel\", \"End\": true, \"Branches\": [{\"StartAt\": \"B\","
                + " \"States\": {\"B\": {\"Type\": \"Wait\", \"End\": true}}}]}"), "/States/S/Branches/0/States/B");
        assertSchemaError(map("\"ItemsPath\": \"$.x\", \"ItemSelector\": {\"a.$\": \"nope\"}"), "/States/S/ItemSelector");
    }

    @Test
    void testStateFormValidatesALoneStateNamedStateName() {
        var state = JsonMapper.builder().build().readTree("{\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}");
        assertThat(DefinitionValidator.validateState(state)).anySatisfy(d ->
                assertThat(d.location()).isEqualTo("/States/StateName/Branches"));
        var pass = JsonMapper.builder().build().readTree("{\"Type\": \"Pass\", \"Next\": \"Elsewhere\"}");
        assertThat(DefinitionValidator.validateState(pass)).isEmpty();
    }
}
