package io.stepwise.asl.intrinsic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stepwise.asl.jsonpath.JsonPath;
import io.stepwise.asl.jsonpath.JsonPathSyntaxException;
import io.stepwise.asl.jsonpath.JsonValues;

/**
 * Parses intrinsic function calls: {@code States.Name(arg, ...)} where an argument is a quoted
 * string ({@code 'it\'s'}; the only escapes are {@code \'}, {@code \{}, {@code \}} and
 * {@code \\}), a number, {@code true}, {@code false}, {@code null}, a path ({@code $.a},
 * {@code $$.Execution.Id}, {@code $var}) or another call. The argument count is checked here, the
 * argument types when the call is evaluated (AWS accepts {@code States.MathAdd(1, 'x')} in a
 * definition and fails at run time).
 */
public final class IntrinsicParser {

    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, IntrinsicCall> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private int pos;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    /**
     * Parses one call; results are cached, as the engine evaluates the same calls repeatedly.
     *
     * @throws IntrinsicSyntaxException on bad syntax, an unknown function or a wrong argument count
     */
    public static IntrinsicCall parse(String text) {
        if (text == null) {
            throw new IntrinsicSyntaxException("null", 0, "no call");
        }
        IntrinsicCall cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        IntrinsicParser parser = new IntrinsicParser(text);
        parser.skipSpaces();
        IntrinsicCall call = parser.readCall();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the call");
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(text, call);
        return call;
    }

    /** Whether a template value is meant as a call rather than a path (both end in ".$" keys). */
    public static boolean looksLikeCall(String text) {
        return text.stripLeading().startsWith("States.");
    }

    private IntrinsicCall readCall() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw error("expected a function name such as States.Format");
        }
        IntrinsicFunction function = IntrinsicFunction.byName(name)
                .orElseThrow(() -> new IntrinsicSyntaxException(text, start, "unknown intrinsic function '" + name + "'"));
        skipSpaces();
        expect('(');
        List<IntrinsicArgument> arguments = new ArrayList<>();
        skipSpaces();
        if (!consume(')')) {
            do {
                skipSpaces();
                arguments.add(readArgument());
                skipSpaces();
            } while (consume(','));
            expect(')');
        }
        if (!function.accepts(arguments.size())) {
            throw new IntrinsicSyntaxException(text, start, name + " takes " + function.arity() + ", got " + arguments.size());
        }
        return new IntrinsicCall(function, arguments);
    }

    private IntrinsicArgument readArgument() {
        if (pos >= text.length()) {
            throw error("expected an argument");
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return readText();
        }
        if (c == '$') {
            return readPath();
        }
        if (text.startsWith("States.", pos)) {
            return readCall();
        }
        for (String keyword : List.of("true", "false", "null")) {
            if (text.startsWith(keyword, pos) && !isWordChar(pos + keyword.length())) {
                pos += keyword.length();
                return new IntrinsicArgument.Literal(JsonValues.MAPPER.readTree(keyword));
            }
        }
        if (c == '-' || Character.isDigit(c)) {
            return readNumber();
        }
        throw error("expected a quoted string, a number, true, false, null, a path or a call");
    }

    private IntrinsicArgument readText() {
        int start = ++pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                char escaped = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
                if ("'{}\\".indexOf(escaped) < 0 || escaped == '\0') {
                    throw error("only \\', \\{, \\} and \\\\ may be escaped in a string");
                }
                value.append(escaped);
                pos += 2;
            } else if (c == '\'') {
                String raw = text.substring(start, pos);
                pos++;
                return new IntrinsicArgument.Text(value.toString(), raw);
            } else {
                value.append(c);
                pos++;
            }
        }
        throw new IntrinsicSyntaxException(text, start - 1, "unclosed string");
    }

    /** A path runs to the next comma or closing parenthesis that is not inside brackets, a filter or quotes. */
    private IntrinsicArgument readPath() {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            pos++;
        }
        String path = text.substring(start, pos).strip();
        try {
            return new IntrinsicArgument.Path(JsonPath.parse(path));
        } catch (JsonPathSyntaxException e) {
            throw new IntrinsicSyntaxException(text, start, e.getMessage());
        }
    }

    private IntrinsicArgument readNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String number = text.substring(start, pos);
        if (!number.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            throw new IntrinsicSyntaxException(text, start, "not a number: " + number);
        }
        return new IntrinsicArgument.Literal(JsonValues.MAPPER.readTree(number));
    }

    private boolean isWordChar(int at) {
        return at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
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

    private IntrinsicSyntaxException error(String problem) {
        return new IntrinsicSyntaxException(text, pos, problem);
    }
}
