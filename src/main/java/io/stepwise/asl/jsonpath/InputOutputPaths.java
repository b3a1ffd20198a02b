package io.stepwise.asl.jsonpath;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * InputPath and OutputPath: a path selects part of the state's input or output. An absent field
 * means {@code "$"} (the caller passes "$"); an explicit JSON {@code null} means "pass {@code {}}".
 */
public final class InputOutputPaths {

    private InputOutputPaths() {
    }

    /**
     * @param path the field's value; {@code null} when the definition sets it to JSON null
     * @throws StatesError States.Runtime when a definite path matches nothing, with AWS's cause
     *     ({@code Invalid path '$.x' : No results for path: $['x']}); the interpreter prefixes the
     *     state context ("An error occurred while executing the state ...")
     */
    public static JsonNode apply(String path, PathRoots roots) {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonPath parsed = JsonPath.parse(path);
        return switch (parsed.evaluate(roots)) {
            case PathResult.Found found -> found.value();
            case PathResult.Missing missing ->
                    throw new StatesError(ErrorNames.RUNTIME, "Invalid path '" + path + "' : " + missing.reason());
        };
    }
}
