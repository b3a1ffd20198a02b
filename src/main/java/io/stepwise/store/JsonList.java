package io.stepwise.store;

import java.util.List;
import java.util.function.Function;

/**
 * A batch's JSON values bound as one text parameter, split again in SQL by
 * {@code string_to_array(CAST(:param AS text), E'\x1e', E'\x1f')}, instead of a {@code text[]}.
 *
 * <p>Why: a {@code text[]} of JSON documents is quoted element by element by the driver (every
 * {@code "} of the JSON escaped again) and parsed back the same way by the server; in a drain that
 * was about a tenth of the application's CPU. JSON text never holds a raw U+001E (RECORD SEPARATOR):
 * control characters are escaped inside strings and not allowed outside them, so the separator
 * needs no escaping. A lone U+001F (UNIT SEPARATOR), equally impossible in JSON text, stands for SQL
 * NULL.
 */
final class JsonList {

    static final char SEPARATOR = '\u001e';
    static final char NULL = '\u001f';

    private JsonList() {
    }

    /** @param json each item's JSON text, or null for SQL NULL */
    static <T> String pack(List<T> items, Function<T, String> json) {
        int size = items.size();
        String[] texts = new String[size];
        int length = size;
        for (int i = 0; i < size; i++) {
            texts[i] = json.apply(items.get(i));
            length += texts[i] == null ? 1 : texts[i].length();
        }
        StringBuilder packed = new StringBuilder(length);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                packed.append(SEPARATOR);
            }
            if (texts[i] == null) {
                packed.append(NULL);
            } else if (texts[i].isEmpty() || texts[i].indexOf(SEPARATOR) >= 0
                    || texts[i].length() == 1 && texts[i].charAt(0) == NULL) {
                throw new IllegalArgumentException("not JSON text: " + texts[i]);
            } else {
                packed.append(texts[i]);
            }
        }
        return packed.toString();
    }
}
