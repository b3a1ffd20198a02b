package io.stepwise.asl.jsonpath;

/** A path string that is not valid JSONPath in the dialect Step Functions accepts. */
public class JsonPathSyntaxException extends IllegalArgumentException {

    public JsonPathSyntaxException(String path, int position, String problem) {
        super("Invalid JSONPath '" + path + "' at position " + position + ": " + problem);
    }
}
