package io.stepwise.asl.model;

import java.util.Arrays;
import java.util.Optional;

/** The two dialects a state can be written in; JSONPath is the default, as on AWS. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    public String aslName() {
        return aslName;
    }

    /** Fields of one language are errors in the other, so a state's fields are judged against both. */
    public QueryLanguage other() {
        return this == JSONATA ? JSONPATH : JSONATA;
    }

    /** Empty for anything else: AWS matches the name exactly, case included. */
    public static Optional<QueryLanguage> fromAslName(String name) {
        return Arrays.stream(values()).filter(language -> language.aslName.equals(name)).findFirst();
    }
}
