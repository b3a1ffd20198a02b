package io.stepwise.asl.jsonpath;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Parses the segments of a path and the predicates of its filters. One instance reads one string;
 * {@code pos} is the cursor, and every failure names the position.
 */
final class JsonPathParser {

    private static final String FILTER_NAME_STOPS = ".[ \t)=!<>&|,~";
    private static final String PATH_NAME_STOPS = ".[ \t";
    private static final List<String> WORD_OPERATORS = List.of("subsetof", "anyof", "noneof", "nin", "in", "size", "empty");
    private static final List<String> SYMBOL_OPERATORS = List.of("==", "!=", "<=", ">=", "=~", "<", ">");

    private final String text;
    private int pos;

    private JsonPathParser(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** The segments of {@code text} from {@code start} to its end. */
    static List<Segment> segments(String text, int start) {
        JsonPathParser parser = new JsonPathParser(text, start);
        List<Segment> segments = parser.readSegments(PATH_NAME_STOPS);
        if (parser.pos < text.length()) {
            throw parser.error("unexpected character '" + text.charAt(parser.pos) + "'");
        }
        return List.copyOf(segments);
    }

    private List<Segment> readSegments(String nameStops) {
        List<Segment> segments = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.') {
                if (peek(1) == '.') {
                    pos += 2;
                    segments.add(new Segment.Descendants(readSelectorAfterDot(nameStops)));
                } else {
                    pos++;
                    segments.add(readSelectorAfterDot(nameStops));
                }
            } else if (c == '[') {
                segments.add(readBracket());
            } else {
                break;
            }
        }
        return segments;
    }

    private Segment readSelectorAfterDot(String nameStops) {
        if (pos >= text.length()) {
            throw error("a name must follow '.'");
        }
        if (text.charAt(pos) == '*') {
            pos++;
            return new Segment.Wildcard();
        }
        if (text.charAt(pos) == '[') {
            return readBracket();
        }
        int start = pos;
        while (pos < text.length() && nameStops.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error("a name must follow '.'");
        }
        String name = text.substring(start, pos);
        if (name.endsWith("()")) {
            throw new JsonPathSyntaxException(text, start, "path functions such as " + name + " are not supported");
        }
        return new Segment.Property(name);
    }

    private Segment readBracket() {
        pos++; // '['
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unclosed '['");
        }
        char c = text.charAt(pos);
        Segment segment;
        if (c == '*') {
            pos++;
            segment = new Segment.Wildcard();
        } else if (c == '?') {
            segment = readFilter();
        } else if (c == '\'' || c == '"') {
            segment = readQuotedNames();
        } else {
            segment = readIndexes();
        }
        skipSpaces();
        expect(']');
        return segment;
    }

    private Segment readQuotedNames() {
        List<String> names = new ArrayList<>();
        do {
            skipSpaces();
            names.add(readQuotedString());
            skipSpaces();
        } while (consume(','));
        return names.size() == 1 ? new Segment.Property(names.getFirst()) : new Segment.Properties(List.copyOf(names));
    }

    /**
     * A quoted name or string. A backslash escapes only the quote and itself; any other backslash is
     * kept, because AWS resolves {@code $['Test\""Name"']} to the key {@code Test\""Name"}.
     */
    private String readQuotedString() {
        char quote = text.charAt(pos);
        if (quote != '\'' && quote != '"') {
            throw error("expected a quoted name");
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == quote || text.charAt(pos + 1) == '\\')) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else if (c == quote) {
                pos++;
                return value.toString();
            } else {
                value.append(c);
                pos++;
            }
        }
        throw error("unclosed quote");
    }

    private Segment readIndexes() {
        Integer first = readOptionalInt();
        skipSpaces();
        if (peek(0) == ':') {
            pos++;
            skipSpaces();
            Integer end = readOptionalInt();
            Integer step = null;
            skipSpaces();
            if (consume(':')) {
                skipSpaces();
                step = readOptionalInt();
                if (step != null && step == 0) {
                    throw error("slice step cannot be zero");
                }
            }
            return new Segment.Slice(first, end, step);
        }
        if (first == null) {
            throw error("expected an index, a slice, '*', a quoted name or a filter");
        }
        List<Integer> indexes = new ArrayList<>(List.of(first));
        while (consume(',')) {
            skipSpaces();
            Integer next = readOptionalInt();
            if (next == null) {
                throw error("expected an index after ','");
            }
            indexes.add(next);
            skipSpaces();
        }
        return indexes.size() == 1 ? new Segment.Index(first) : new Segment.Indexes(List.copyOf(indexes));
    }

    private Integer readOptionalInt() {
        int start = pos;
        if (peek(0) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            return null;
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new JsonPathSyntaxException(text, start, "not an index: " + text.substring(start, pos));
        }
    }

    private Segment readFilter() {
        pos++; // '?'
        skipSpaces();
        expect('(');
        int start = pos;
        FilterExpression expression = readOr();
        skipSpaces();
        String source = text.substring(start, pos).strip();
        expect(')');
        return new Segment.Filter(expression, source);
    }

    private FilterExpression readOr() {
        FilterExpression left = readAnd();
        while (true) {
            skipSpaces();
            if (!text.startsWith("||", pos)) {
                return left;
            }
            pos += 2;
            left = new FilterExpression.Or(left, readAnd());
        }
    }

    private FilterExpression readAnd() {
        FilterExpression left = readUnary();
        while (true) {
            skipSpaces();
            if (!text.startsWith("&&", pos)) {
                return left;
            }
            pos += 2;
            left = new FilterExpression.And(left, readUnary());
        }
    }

    private FilterExpression readUnary() {
        skipSpaces();
        if (peek(0) == '!' && peek(1) != '=') {
            pos++;
            return new FilterExpression.Not(readUnary());
        }
        if (peek(0) == '(') {
            pos++;
            FilterExpression inner = readOr();
            skipSpaces();
            expect(')');
            return inner;
        }
        FilterExpression.Operand left = readOperand();
        skipSpaces();
        String operator = readOperator();
        if (operator == null) {
            if (left instanceof FilterExpression.Operand.PathOperand path) {
                return new FilterExpression.Exists(path);
            }
            throw error("expected a comparison operator");
        }
        skipSpaces();
        return new FilterExpression.Comparison(left, operator, readOperand());
    }

    private String readOperator() {
        for (String symbol : SYMBOL_OPERATORS) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                return symbol;
            }
        }
        for (String word : WORD_OPERATORS) {
            int end = pos + word.length();
            if (text.startsWith(word, pos) && (end >= text.length() || !Character.isLetter(text.charAt(end)))) {
                pos = end;
                return word;
            }
        }
        return null;
    }

    private FilterExpression.Operand readOperand() {
        skipSpaces();
        char c = peek(0);
        if (c == '@' || c == '$') {
            pos++;
            return new FilterExpression.Operand.PathOperand(c == '@', List.copyOf(readSegments(FILTER_NAME_STOPS)));
        }
        if (c == '/') {
            return readRegex();
        }
        return new FilterExpression.Operand.Literal(readLiteral());
    }

    private JsonNode readLiteral() {
        char c = peek(0);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (c == '\'' || c == '"') {
            return nodes.stringNode(readQuotedString());
        }
        if (c == '[') {
            pos++;
            ArrayNode array = nodes.arrayNode();
            skipSpaces();
            if (!consume(']')) {
                do {
                    skipSpaces();
                    array.add(readLiteral());
                    skipSpaces();
                } while (consume(','));
                expect(']');
            }
            return array;
        }
        for (String word : List.of("true", "false", "null")) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return JsonValues.MAPPER.readTree(word);
            }
        }
        int start = pos;
        while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a value");
        }
        try {
            return JsonValues.MAPPER.readTree(text.substring(start, pos));
        } catch (RuntimeException e) {
            throw new JsonPathSyntaxException(text, start, "not a number: " + text.substring(start, pos));
        }
    }

    private FilterExpression.Operand readRegex() {
        int start = pos++;
        StringBuilder regex = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '/') {
            if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                regex.append(text.charAt(pos++));
            }
            regex.append(text.charAt(pos++));
        }
        expect('/');
        int flags = 0;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            switch (text.charAt(pos++)) {
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> flags |= Pattern.MULTILINE;
                case 's' -> flags |= Pattern.DOTALL;
                case 'x' -> flags |= Pattern.COMMENTS;
                default -> throw error("unknown regex flag");
            }
        }
        try {
            return new FilterExpression.Operand.RegexOperand(Pattern.compile(regex.toString(), flags));
        } catch (PatternSyntaxException e) {
            throw new JsonPathSyntaxException(text, start, "invalid regular expression: " + e.getDescription());
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    private boolean consume(char c) {
        if (peek(0) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error(pos < text.length() ? "expected '" + c + "' but found '" + text.charAt(pos) + "'" : "expected '" + c + "'");
        }
    }

    private JsonPathSyntaxException error(String problem) {
        return new JsonPathSyntaxException(text, pos, problem);
    }
}
