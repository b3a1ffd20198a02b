package io.stepwise.asl.validation;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign, ...): a
 * field whose name ends in ".$" is replaced at run time by the value its path or intrinsic call
 * yields, so that value must be a string holding one, and the name without ".$" must not clash with
 * a sibling.
 */
final class PayloadTemplates {

    private static final String DYNAMIC_SUFFIX = ".$";

    private PayloadTemplates() {
    }

    static void check(JsonNode template, Location at, Findings findings) {
        if (template == null) {
            return;
        }
        if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                check(template.get(i), at.index(i), findings);
            }
            return;
        }
        if (!template.isObject()) {
            return;
        }
        Map<String, String> effectiveNames = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : template.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            boolean dynamic = name.endsWith(DYNAMIC_SUFFIX);
            String effective = dynamic ? name.substring(0, name.length() - DYNAMIC_SUFFIX.length()) : name;
            String clash = effectiveNames.putIfAbsent(effective, name);
            if (clash != null) {
                findings.schema("The fields '" + clash + "' and '" + name
                        + "' would both produce the field '" + effective + "'", at);
            }
            if (dynamic) {
                if (!Json.isString(value) || !DynamicValues.isPathOrIntrinsic(value.stringValue())) {
                    findings.schema("The value for the field '" + name
                            + "' must be a valid JSONPath or a valid intrinsic function call", at);
                }
            } else {
                if (Json.isString(value) && DynamicValues.looksDynamic(value.stringValue())) {
                    findings.warning(DiagnosticCodes.NO_DOLLAR, "The value of the field '" + name
                            + "' looks like a path or intrinsic function call, but the field name does not end with '.$'",
                            at.child(name));
                }
                check(value, at.child(name), findings);
            }
        }
    }

    /** A Pass state's Result is returned as written, so ".$" fields there are never evaluated. */
    static void warnStaticResult(JsonNode result, Location at, Findings findings) {
        if (result == null) {
            return;
        }
        if (result.isArray()) {
            for (int i = 0; i < result.size(); i++) {
                warnStaticResult(result.get(i), at.index(i), findings);
            }
        } else if (result.isObject()) {
            for (Map.Entry<String, JsonNode> field : result.properties()) {
                if (field.getKey().endsWith(DYNAMIC_SUFFIX)) {
                    findings.warning(DiagnosticCodes.PASS_RESULT_IS_STATIC, "The field '" + field.getKey()
                            + "' of a Pass state's Result is not evaluated: Result is static", at.child(field.getKey()));
                }
                warnStaticResult(field.getValue(), at.child(field.getKey()), findings);
            }
        }
    }
}
