package io.stepwise.asl.validation;

import java.util.Optional;

/** The two languages a state can use to select and shape its data. */
enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    String aslName() {
        return aslName;
    }

    static Optional<QueryLanguage> fromAslName(String name) {
        for (QueryLanguage language : values()) {
            if (language.aslName.equals(name)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
