package io.stepwise.task.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import org.junit.jupiter.api.Test;

/** AWS's example of each ArrayFormat, percent-encoded as a query or form body must be. */
class FormEncodingTest {

    private static final String BODY = "{\"array\": [\"a\", \"b\", \"c\"], \"n\": 1, \"nested\": {\"k\": \"v&w\"}, \"none\": null}";

    private static String encode(ArrayFormat format) {
        return FormEncoding.encode(Json.parse(BODY), format);
    }

    @Test
    void indices() {
        assertThat(encode(ArrayFormat.INDICES))
                .isEqualTo("array%5B0%5D=a&array%5B1%5D=b&array%5B2%5D=c&n=1&nested%5Bk%5D=v%26w&none=");
    }

    @Test
    void repeat() {
        assertThat(encode(ArrayFormat.REPEAT)).startsWith("array=a&array=b&array=c&n=1");
    }

    @Test
    void commas() {
        assertThat(encode(ArrayFormat.COMMAS)).startsWith("array=a%2Cb%2Cc&n=1");
    }

    @Test
    void brackets() {
        assertThat(encode(ArrayFormat.BRACKETS)).startsWith("array%5B%5D=a&array%5B%5D=b&array%5B%5D=c&n=1");
    }
}
