package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A packed list comes back from PostgreSQL's string_to_array exactly as it went in, NULLs included. */
class JsonListTest extends IntegrationTest {

    /** The split exactly as the batch statements in db/queries write it. */
    List<String> roundTrip(List<String> texts) {
        return jdbc.sql("SELECT t FROM unnest(string_to_array(CAST(:packed AS text), E'\\x1e', E'\\x1f')) "
                        + "WITH ORDINALITY AS u(t, n) ORDER BY n")
                .param("packed", JsonList.pack(texts, Function.identity()))
                .query((rs, n) -> rs.getString(1)).list();
    }

    @Test
    void everyValueComesBackInItsPlace() {
        List<String> texts = Arrays.asList("{\"a\":\"say \\\"hi\\\"\"}", null, "[1,2,{\"b\":null}]", "\"\\u0000 \\u001e \\\\\"",
                "null", "\"ünïcødé ✓ 𝄞\"", null, "0");
        assertThat(roundTrip(texts)).containsExactlyElementsOf(texts);
    }

    @Test
    void aSingleNullAndAnEmptyListKeepTheirLength() {
        assertThat(roundTrip(Arrays.asList((String) null))).containsExactly((String) null);
        assertThat(roundTrip(Arrays.asList(null, null))).containsExactly(null, null);
        assertThat(roundTrip(List.of())).isEmpty();
        assertThat(roundTrip(List.of("{}"))).containsExactly("{}");
    }

    @Test
    void aLargeBatchRoundTrips() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            texts.add(i % 7 == 0 ? null : "{\"n\":" + i + ",\"s\":\"" + "x".repeat(i % 50) + "\"}");
        }
        assertThat(roundTrip(texts)).containsExactlyElementsOf(texts);
    }

    @Test
    void textThatIsNotJsonIsRefusedRatherThanSplitWrongly() {
        assertThatThrownBy(() -> JsonList.pack(List.of("a\u001eb"), Function.identity()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonList.pack(List.of("\u001f"), Function.identity()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonList.pack(List.of(""), Function.identity()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
