package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.jsonataMachineWith;
import static io.stepwise.asl.validation.ValidationAssertions.machineWith;

import org.junit.jupiter.api.Test;

class WaitValidationTest {

    @Test
    void eachDurationFormIsAccepted() {
        assertNoErrors(machineWith("{\"Type\": \"Wait\", \"Seconds\": 0, \"End\": true}"));
        assertNoErrors(machineWith("{\"Type\": \"Wait\", \"Timestamp\": \"2016-03-14T01:59:00.123+02:00\", \"End\": true}"));
        assertNoErrors(machineWith("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}"));
        assertNoErrors(machineWith("{\"Type\": \"Wait\", \"TimestampPath\": \"$t\", \"End\": true}"));
        assertNoErrors(jsonataMachineWith("{\"Type\": \"Wait\", \"Seconds\": \"{% $states.input.s %}\", \"End\": true}"));
        assertNoErrors(jsonataMachineWith("{\"Type\": \"Wait\", \"Timestamp\": \"{% $now() %}\", \"End\": true}"));
    }

    @Test
    void exactlyOneDuration() {
        assertSchemaError(machineWith("{\"Type\": \"Wait\", \"End\": true}"), "/States/S");
        assertSchemaError(machineWith("{\"Type\": \"Wait\", \"Seconds\": 10, \"SecondsPath\": \"$.s\", \"End\": true}"),
                "/States/S/SecondsPath");
    }

    @Test
    void timestampMustBeRfc3339() {
        for (String bad : new String[] {"2016-13-05T21:29:29Z", "05-12-2016T21:29:29Z", "2016-12-05T25:29:29Z",
                "2016-12-05 21:29:29Z", "2016-12-05T21:29:29", "{% '2016-03-14T01:59:00Z' %}"}) {
            assertSchemaError(machineWith("{\"Type\": \"Wait\", \"Timestamp\": \"" + bad + "\", \"End\": true}"),
                    "/States/S/Timestamp");
        }
    }

    @Test
    void secondsIsANonNegativeInteger() {
        assertSchemaError(machineWith("{\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}"), "/States/S/Seconds");
        assertSchemaError(machineWith("{\"Type\": \"Wait\", \"Seconds\": 1.5, \"End\": true}"), "/States/S/Seconds");
        assertSchemaError(machineWith("{\"Type\": \"Wait\", \"Seconds\": \"{% 1 %}\", \"End\": true}"), "/States/S/Seconds");
    }

    @Test
    void pathFormsNeedPaths() {
        assertSchemaError(machineWith("{\"Type\": \"Wait\", \"SecondsPath\": \"s\", \"End\": true}"),
                "/States/S/SecondsPath");
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}"),
                "/States/S/SecondsPath");
    }
}
