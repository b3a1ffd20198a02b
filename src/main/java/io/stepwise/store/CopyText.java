package io.stepwise.store;

/**
 * A value in PostgreSQL's COPY text format: tab separates columns and newline rows, so those, carriage
 * return and the escape character itself are written as backslash sequences, and null as {@code \N}.
 */
final class CopyText {

    private CopyText() {
    }

    static StringBuilder append(StringBuilder row, String value) {
        if (value == null) {
            return row.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return row;
    }
}
