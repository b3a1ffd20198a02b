package io.stepwise.api;

import java.util.List;

/**
 * StateTester names the offending field in its message ("The mock's result ...",
 * "stateConfiguration.retrierRetryCount ..."); this turns that name into the field's pointer in the
 * request body, most specific first.
 */
final class TestStatePointers {

    private static final List<String[]> FIELDS = List.of(
            new String[] {"stateConfiguration.retrierRetryCount", "/stateConfiguration/retrierRetryCount"},
            new String[] {"stateConfiguration.mapIterationFailureCount", "/stateConfiguration/mapIterationFailureCount"},
            new String[] {"stateConfiguration.errorCausedByState", "/stateConfiguration/errorCausedByState"},
            new String[] {"stateConfiguration.mapItemReaderData", "/stateConfiguration/mapItemReaderData"},
            new String[] {"mock.result", "/mock/result"},
            new String[] {"mock's result", "/mock/result"},
            new String[] {"errorOutput", "/mock/errorOutput/error"},
            new String[] {"mock", "/mock"},
            new String[] {"no state named", "/stateName"},
            new String[] {"variables", "/variables"},
            new String[] {"context", "/context"},
            new String[] {"input", "/input"});

    private TestStatePointers() {
    }

    static String of(String message) {
        if (message == null) {
            return null;
        }
        return FIELDS.stream().filter(f -> message.contains(f[0])).map(f -> f[1]).findFirst().orElse(null);
    }
}
