package io.stepwise.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each expression text once and shares the result between threads.
 *
 * <h2>Why sharing a dashjoin {@link Jsonata} is safe here, and what it takes</h2>
 * A parsed {@code Jsonata} holds an immutable AST and an environment frame; {@code evaluate(input,
 * frame)} binds the caller's variables into a new child frame, and evaluation never writes to the
 * AST. The per-evaluation scratch state (current input and frame, used by {@code $eval} and
 * higher-order calls) lives in a per-thread copy: dashjoin keeps a static {@code ThreadLocal}
 * "current" instance and creates a private copy for a thread on its first evaluation.
 *
 * <p>The catch: the {@code Jsonata} constructor also sets "current" to the new instance, so the
 * thread that parsed an expression uses the <em>shared</em> instance as its scratch space. While
 * that thread evaluates anything, it rewrites the shared instance's {@code environment} field, which
 * other threads read to build their frames: they could see its local variables or a torn frame.
 * So after parsing, this class parses a tiny throwaway expression, which becomes the parsing thread's
 * scratch instance instead; the shared instance is then never any thread's scratch.
 *
 * <p>Also: functions are registered into the instance before it is published (never after), and
 * dashjoin's own {@code $now()}/{@code $millis()} are replaced (see {@link AwsJsonataFunctions}).
 * {@code JsonataConcurrencyTest} exercises all of this from many threads.
 */
final class ParsedExpressions {

    /** Definitions are finite, but an unbounded map would grow with every definition ever run. */
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, ParsedExpression> byText = new ConcurrentHashMap<>();
    private final JsonataSources sources;

    ParsedExpressions(JsonataSources sources) {
        this.sources = sources;
    }

    /** The parsed expression for this text, parsing it on first use. */
    ParsedExpression get(String expressionText) {
        ParsedExpression cached = byText.get(expressionText);
        if (cached != null) {
            return cached;
        }
        if (byText.size() >= MAX_ENTRIES) {
            // crude but safe: the next uses re-parse; a working set this large is not expected
            byText.clear();
        }
        return byText.computeIfAbsent(expressionText, this::parse);
    }

    private ParsedExpression parse(String expressionText) {
        try {
            Jsonata parsed = Jsonata.jsonata(expressionText);
            // keep undefined (Java null) apart from JSON null (NULL_VALUE): AWS reports undefined
            parsed.setOutputConvertNulls(false);
            AwsJsonataFunctions.registerInto(parsed, sources);
            return new ParsedExpression.Parsed(parsed);
        } catch (JException syntaxError) {
            return new ParsedExpression.Unparseable(syntaxError);
        } finally {
            Jsonata.jsonata("null");
        }
    }

    /** Either an expression ready to evaluate, or the syntax error to report on every use. */
    sealed interface ParsedExpression {

        record Parsed(Jsonata expression) implements ParsedExpression {
        }

        record Unparseable(JException syntaxError) implements ParsedExpression {
        }
    }
}
