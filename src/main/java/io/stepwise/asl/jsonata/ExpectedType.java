package io.stepwise.asl.jsonata;

import tools.jackson.databind.JsonNode;

/** The JSON type a field requires of its expression's result, named as AWS names it in errors. */
public enum ExpectedType {
    ARRAY("array"),
    OBJECT("object"),
    STRING("string"),
    NUMBER("number"),
    BOOLEAN("boolean");

    private final String awsName;

    ExpectedType(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public boolean accepts(JsonNode value) {
        return this == typeOf(value);
    }

    /** The type of a value as AWS prints it; null has its own name there. */
    static String awsNameOf(JsonNode value) {
        ExpectedType type = typeOf(value);
        return type == null ? "null" : type.awsName;
    }

    private static ExpectedType typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> ARRAY;
            case OBJECT -> OBJECT;
            case STRING -> STRING;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            default -> null;
        };
    }
}
