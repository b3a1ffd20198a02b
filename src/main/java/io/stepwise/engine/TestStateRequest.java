package io.stepwise.engine;

/**
 * One TestState call, shaped like AWS's request. JSON arrives as text, as AWS takes it, so that a
 * malformed value is reported by {@link StateTester} the same way whichever API layer sends it.
 *
 * @param definition    a single state's JSON; or a whole state machine when {@code stateName} is set
 * @param stateName     the state of a machine definition to test; null for a single-state definition
 * @param input         JSON text; null for {@code {}}
 * @param level         null for INFO
 * @param mock          required for Task, Map and Parallel; null otherwise
 * @param variables     JSON object text of the workflow variables in scope; may be null
 * @param context       JSON object text replacing the whole context object; null for a generated one
 * @param configuration null for none
 * @param roleArn       shown as the context's Execution.RoleArn; may be null
 */
public record TestStateRequest(String definition, String stateName, String input, InspectionLevel level,
        TestStateMock mock, String variables, String context, TestStateConfiguration configuration,
        String roleArn) {

    public static TestStateRequest of(String definition, String input) {
        return new TestStateRequest(definition, null, input, InspectionLevel.INFO, null, null, null, null, null);
    }
}
