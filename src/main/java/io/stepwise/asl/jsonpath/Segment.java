package io.stepwise.asl.jsonpath;

import java.util.List;

/** One step of a parsed path, after its root. */
sealed interface Segment {

    /** Whether this step selects at most one node (a Reference Path may use only these). */
    boolean definite();

    /** The step in Jayway's normalised notation, which AWS echoes in its error causes. */
    String normalized();

    record Property(String name) implements Segment {
        public boolean definite() {
            return true;
        }

        public String normalized() {
            return "['" + name + "']";
        }
    }

    /** {@code ['a','b']}: at the end of a path Jayway merges them into one object, so it is definite there. */
    record Properties(List<String> names) implements Segment {
        public boolean definite() {
            return false;
        }

        public String normalized() {
            return "[" + String.join(",", names.stream().map(n -> "'" + n + "'").toList()) + "]";
        }
    }

    record Index(int index) implements Segment {
        public boolean definite() {
            return true;
        }

        public String normalized() {
            return "[" + index + "]";
        }
    }

    record Indexes(List<Integer> indexes) implements Segment {
        public boolean definite() {
            return false;
        }

        public String normalized() {
            return "[" + String.join(",", indexes.stream().map(String::valueOf).toList()) + "]";
        }
    }

    /** Python-style bounds: null means "from the start" / "to the end"; negatives count from the end. */
    record Slice(Integer start, Integer end, Integer step) implements Segment {
        public boolean definite() {
            return false;
        }

        public String normalized() {
            return "[" + (start == null ? "" : start) + ":" + (end == null ? "" : end)
                    + (step == null ? "" : ":" + step) + "]";
        }
    }

    record Wildcard() implements Segment {
        public boolean definite() {
            return false;
        }

        public String normalized() {
            return "[*]";
        }
    }

    /** {@code ..selector}: the selector applied to the node and every node below it. */
    record Descendants(Segment selector) implements Segment {
        public boolean definite() {
            return false;
        }

        public String normalized() {
            return ".." + selector.normalized();
        }
    }

    record Filter(FilterExpression expression, String source) implements Segment {
        public boolean definite() {
            return false;
        }

        public String normalized() {
            return "[?(" + source + ")]";
        }
    }
}
