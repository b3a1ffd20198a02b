package io.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The functions AWS Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash},
 * {@code $random}, {@code $uuid}, {@code $parse}), the ones it replaces, and the one it removes.
 *
 * <p>{@code $now()} and {@code $millis()} are replaced as well: dashjoin reads their timestamp from a
 * per-thread copy of the expression that is only refreshed when the copy is made, so on any thread
 * but the one that parsed the expression they would report a stale time. {@code $eval} is removed,
 * as on AWS (use {@code $parse}); calling it fails like any unknown function (T1006).
 */
final class AwsJsonataFunctions {

    /** Our guard against an expression filling the heap; AWS documents no limit for $range. */
    static final int MAX_RANGE_SIZE = 1_000_000;
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AwsJsonataFunctions() {
    }

    /** Binds the functions into a freshly parsed expression, before it is shared with other threads. */
    static void registerInto(Jsonata expression, JsonataSources sources) {
        expression.registerFunction("partition", function(AwsJsonataFunctions::partition));
        expression.registerFunction("range", function(AwsJsonataFunctions::range));
        expression.registerFunction("hash", function(AwsJsonataFunctions::hash));
        expression.registerFunction("random", function(args -> random(args, sources)));
        expression.registerFunction("uuid", function(args -> sources.uuids().get().toString()));
        expression.registerFunction("parse", function(AwsJsonataFunctions::parse));
        expression.registerFunction("now", function(args -> Functions.dateTimeFromMillis(
                sources.clock().millis(), stringArgument(args, 0), stringArgument(args, 1))));
        expression.registerFunction("millis", function(args -> sources.clock().millis()));
        expression.assign("eval", null);
    }

    private interface Body {
        Object apply(List<?> args);
    }

    /** No dashjoin signature: each body checks its own arguments and says what is wrong in AWS's terms. */
    private static JFunction function(Body body) {
        return new JFunction((input, args) -> body.apply(args == null ? List.of() : args), null);
    }

    static Object partition(List<?> args) {
        Object array = argument(args, 0);
        Object size = argument(args, 1);
        if (array == null || size == null) {
            return null;
        }
        List<?> items = array instanceof List<?> list ? list : List.of(array);
        long chunkSize = positiveInteger(size, "$partition", "size");
        List<Object> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += (int) Math.min(chunkSize, Integer.MAX_VALUE)) {
            int end = (int) Math.min(items.size(), start + chunkSize);
            chunks.add(new ArrayList<>(items.subList(start, end)));
        }
        return chunks;
    }

    /**
     * Inclusive of {@code end} when the step lands on it. Returned as a JSONata sequence, so a
     * one-element range is the element itself: AWS answers {@code $range(1, 9, 9)} with {@code 1}.
     */
    static Object range(List<?> args) {
        Object start = argument(args, 0);
        Object end = argument(args, 1);
        Object step = args.size() > 2 ? argument(args, 2) : Integer.valueOf(1);
        if (start == null || end == null || step == null) {
            return null;
        }
        double from = number(start, "$range", "start");
        double to = number(end, "$range", "end");
        double by = number(step, "$range", "step");
        if (by == 0) {
            throw new AwsFunctionException("The step of $range must not be zero");
        }
        double count = Math.floor((to - from) / by) + 1;
        if (count > MAX_RANGE_SIZE) {
            throw new AwsFunctionException("$range would produce more than " + MAX_RANGE_SIZE + " values");
        }
        List<Object> sequence = Utils.createSequence();
        for (long i = 0; i < count; i++) {
            sequence.add(Utils.convertNumber(from + i * by));
        }
        return sequence;
    }

    static Object hash(List<?> args) {
        Object value = argument(args, 0);
        Object algorithm = argument(args, 1);
        if (value == null || algorithm == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new AwsFunctionException("The value to $hash must be a string");
        }
        if (!(algorithm instanceof String name) || !HASH_ALGORITHMS.contains(name)) {
            throw new AwsFunctionException("The hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, "
                    + "SHA-512, but was: " + algorithm);
        }
        try {
            byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + name, e);
        }
    }

    /** Unseeded: the injected source. Seeded: the same seed always gives the same number. */
    static Object random(List<?> args, JsonataSources sources) {
        Object seed = argument(args, 0);
        if (seed == null) {
            return sources.random().getAsDouble();
        }
        long seedValue = switch (seed) {
            case Integer i -> i;
            case Long l -> l;
            case Number n -> Double.doubleToLongBits(n.doubleValue());
            case String s -> s.hashCode();
            default -> throw new AwsFunctionException("The seed of $random must be a number or a string");
        };
        return new Random(seedValue).nextDouble();
    }

    static Object parse(List<?> args) {
        Object json = argument(args, 0);
        if (json == null) {
            return null;
        }
        if (!(json instanceof String text)) {
            throw new AwsFunctionException("The argument of $parse must be a string");
        }
        try {
            return JsonataValues.toJsonata(JSON.readTree(text));
        } catch (JacksonException e) {
            throw new AwsFunctionException("The argument of $parse is not valid JSON: " + text);
        }
    }

    private static Object argument(List<?> args, int index) {
        if (index >= args.size()) {
            return null;
        }
        Object value = args.get(index);
        // a JSON null argument to these functions behaves like a missing one
        return value == Jsonata.NULL_VALUE ? null : value;
    }

    private static String stringArgument(List<?> args, int index) {
        Object value = argument(args, index);
        return value instanceof String string ? string : null;
    }

    private static double number(Object value, String function, String parameter) {
        if (!(value instanceof Number number)) {
            throw new AwsFunctionException("The " + parameter + " of " + function + " must be a number");
        }
        return number.doubleValue();
    }

    private static long positiveInteger(Object value, String function, String parameter) {
        double number = number(value, function, parameter);
        if (number != Math.rint(number) || number < 1) {
            throw new AwsFunctionException("The " + parameter + " of " + function + " must be a positive integer");
        }
        return (long) number;
    }

    /** A misuse of one of AWS's functions; reported like any other evaluation error. */
    static final class AwsFunctionException extends RuntimeException {
        AwsFunctionException(String message) {
            super(message, null, false, false);
        }
    }
}
