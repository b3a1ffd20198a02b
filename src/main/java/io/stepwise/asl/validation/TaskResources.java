package io.stepwise.asl.validation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Task's Resource may name. Only the shape of an ARN is checked in general; for the handful of
 * optimised integrations whose action list is short and stable, unknown actions are refused as AWS
 * refuses them (arn:aws:states:::dynamodb:query is not an integration; the aws-sdk form is).
 */
final class TaskResources {

    private static final Pattern ARN = Pattern.compile("arn:[a-z0-9-]+:[a-z0-9-]+:[^:]*:[^:]*:.+");
    private static final Pattern INTEGRATION =
            Pattern.compile("arn:([a-z0-9-]+):states:::([a-z0-9-]+):([A-Za-z0-9]+)((?:\\.[A-Za-z]+)(?::\\d+)?)?");
    private static final Pattern LAMBDA =
            Pattern.compile("arn:[a-z0-9-]+:lambda:[^:]*:[^:]*:function:[A-Za-z0-9_-]+(:(\\$LATEST|[A-Za-z0-9_-]+))?");
    /**
     * Resources of Stepwise's own task handlers: a scheme other than "arn", a colon, and a name
     * (see docs/tasks.md). AWS would reject them; here they name Java handlers.
     */
    private static final Pattern STEPWISE_RESOURCE = Pattern.compile("(?!arn:)[a-z][a-z0-9+.-]*:[^\\s]+");
    private static final Pattern ACTIVITY = Pattern.compile("arn:[a-z0-9-]+:states:[^:]+:[^:]+:activity:.+");

    private static final Map<String, Set<String>> KNOWN_ACTIONS = Map.of(
            "dynamodb", Set.of("getItem", "putItem", "updateItem", "deleteItem"),
            "lambda", Set.of("invoke"),
            "sns", Set.of("publish"),
            "sqs", Set.of("sendMessage"),
            "events", Set.of("putEvents"),
            "states", Set.of("startExecution"));

    private TaskResources() {
    }

    /** Why the resource is malformed or unknown, with the code AWS uses for it; empty when acceptable. */
    static Optional<Problem> problem(String resource) {
        if (STEPWISE_RESOURCE.matcher(resource).matches()) {
            return Optional.empty(); // our own scheme (stepwise:echo, test:block, stepwise:bean:x): resolved at run time
        }
        if (!ARN.matcher(resource).matches()) {
            return Optional.of(new Problem(DiagnosticCodes.INVALID_RESOURCE,
                    "The resource provided " + resource + " is not a valid resource ARN"));
        }
        if (resource.contains(":lambda:") && resource.contains(":function:") && !LAMBDA.matcher(resource).matches()) {
            return Optional.of(new Problem(DiagnosticCodes.INVALID_RESOURCE,
                    "The resource provided " + resource + " is not a valid Lambda function ARN"));
        }
        Matcher integration = INTEGRATION.matcher(resource);
        if (integration.matches()) {
            Set<String> actions = KNOWN_ACTIONS.get(integration.group(2));
            if (actions != null && !actions.contains(integration.group(3))) {
                String shown = resource.replaceFirst("^arn:[a-z0-9-]+:", "arn:<partition>:");
                return Optional.of(new Problem(DiagnosticCodes.SCHEMA_VALIDATION_FAILED, "The resource provided "
                        + shown + " is not recognized. The value is not a valid resource ARN,"
                        + " or the resource is not available in this region."));
            }
        }
        return Optional.empty();
    }

    /** Express machines run for at most five minutes and keep no task tokens, so these are refused. */
    static Optional<String> expressProblem(String resource) {
        if (ACTIVITY.matcher(resource).matches()) {
            return Optional.of("Express state machine does not support Activity ARN");
        }
        Matcher integration = INTEGRATION.matcher(resource);
        if (integration.matches() && integration.group(4) != null) {
            String pattern = integration.group(4);
            if (pattern.startsWith(".sync")) {
                return Optional.of("Express state machine does not support '.sync' service integration");
            }
            if (pattern.equals(".waitForTaskToken")) {
                return Optional.of("Express state machine does not support '.waitForTaskToken' service integration");
            }
        }
        return Optional.empty();
    }

    record Problem(String code, String message) {
    }
}
