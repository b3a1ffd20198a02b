package io.stepwise.asl.model;

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

    public static QueryLanguage fromAsl(String name) {
        for (QueryLanguage language : values()) {
            if (language.aslName.equals(name)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown QueryLanguage '" + name + "'");
    }
}
