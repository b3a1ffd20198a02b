package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.assertWarning;
import static io.stepwise.asl.validation.ValidationAssertions.machineWith;

import org.junit.jupiter.api.Test;

class PathsValidationTest {

    private static String pass(String fields) {
        return machineWith("{\"Type\": \"Pass\", \"End\": true, " + fields + "}");
    }

    @Test
    void validPathsPass() {
        assertNoErrors(pass("\"InputPath\": \"$$.Execution.Input\", \"OutputPath\": \"$.a[*].b\","
                + " \"ResultPath\": \"$.x['y'][0]\""));
        assertNoErrors(pass("\"InputPath\": null, \"OutputPath\": null, \"ResultPath\": null"));
        assertNoErrors(pass("\"InputPath\": \"$myVar.items[?(@.n > 1)]\", \"ResultPath\": \"$\""));
    }

    @Test
    void invalidPathsAreReportedAtTheField() {
        assertSchemaError(pass("\"InputPath\": \"bug$.library\""), "/States/S/InputPath");
        assertSchemaError(pass("\"OutputPath\": 5"), "/States/S/OutputPath");
        for (String bad : new String[] {".guid", "..guid", "()", "$..."}) {
            assertSchemaError(pass("\"ResultPath\": \"" + bad + "\""), "/States/S/ResultPath");
        }
    }

    @Test
    void resultPathNamesOneNodeOfTheStateData() {
        assertSchemaError(pass("\"ResultPath\": \"$.a[*]\""), "/States/S/ResultPath");
        assertSchemaError(pass("\"ResultPath\": \"$foo\""), "/States/S/ResultPath");
        assertSchemaError(pass("\"ResultPath\": \"$$.Execution\""), "/States/S/ResultPath");
    }

    @Test
    void dynamicTemplateFieldsHoldPathsOrIntrinsicCalls() {
        assertNoErrors(pass("\"Parameters\": {\"a.$\": \"$.x\", \"b.$\": \"States.Format('{}', $.y)\","
                + " \"c\": {\"d.$\": \"$$.Map.Item.Value\"}, \"e\": [{\"f.$\": \"$v\"}]}"));
        assertSchemaError(pass("\"Parameters\": {\"lorem.$\": \"ipsum\"}"), "/States/S/Parameters");
        assertSchemaError(pass("\"Parameters\": {\"n\": {\"x.$\": 3}}"), "/States/S/Parameters/n");
        assertSchemaError(pass("\"Parameters\": {\"parsed.$\": \"States.Format('He said, \\\\\\\"Hi\\\\\\\"')\"}"),
                "/States/S/Parameters");
        assertSchemaError(pass("\"Parameters\": {\"x.$\": \"States.Nope(1)\"}"), "/States/S/Parameters");
    }

    @Test
    void aDynamicFieldMayNotClashWithItsStaticTwin() {
        assertSchemaError(pass("\"Parameters\": {\"dyn\": {\"c\": \"v\", \"c.$\": \"$.v\"}}"), "/States/S/Parameters/dyn");
    }

    @Test
    void resultSelectorAndItemSelectorAreTemplatesToo() {
        assertSchemaError(machineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"End\": true, \"ResultSelector\": {\"a.$\": \"a\"}}"), "/States/S/ResultSelector");
        assertSchemaError(machineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"End\": true, \"ResultSelector\": []}"), "/States/S/ResultSelector");
    }

    @Test
    void warningsForLikelyMistakes() {
        assertWarning(pass("\"Parameters\": {\"a\": \"$.x\"}"), DiagnosticCodes.NO_DOLLAR, "/States/S/Parameters/a");
        assertWarning(pass("\"Result\": {\"a.$\": \"$.x\"}"), DiagnosticCodes.PASS_RESULT_IS_STATIC,
                "/States/S/Result/a.$");
        assertNoErrors(pass("\"Result\": {\"a.$\": \"not evaluated\"}"));
    }
}
