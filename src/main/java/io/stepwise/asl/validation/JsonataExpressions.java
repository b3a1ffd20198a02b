package io.stepwise.asl.validation;

import com.dashjoin.jsonata.Jsonata;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Recognises and syntax-checks JSONata expressions. Only a string that both starts with "{%" and ends
 * with "%}" is an expression; anything else is a literal string, which AWS accepts in JSONata fields.
 */
final class JsonataExpressions {

    private JsonataExpressions() {
    }

    static boolean isExpression(JsonNode node) {
        return Json.isString(node) && isExpression(node.stringValue());
    }

    static boolean isExpression(String text) {
        return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    /** The reason the expression does not parse, or empty when it does. */
    static Optional<String> syntaxError(String text) {
        String body = text.substring(2, text.length() - 2);
        if (body.isBlank()) {
            return Optional.of("The JSONata expression is empty");
        }
        try {
            Jsonata.jsonata(body);
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of("The JSONata expression does not parse: " + reason);
        }
    }
}
