package io.stepwise.asl.intrinsic;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** States.MathAdd and States.MathRandom. */
final class MathFunctions {

    private MathFunctions() {
    }

    /** Each operand is first rounded half up, so 1.49 + 1.5 is 1 + 2 = 3, as the AWS-recorded cases show. */
    static JsonNode add(Args args) {
        long sum = (long) args.roundedInt(0) + args.roundedInt(1);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return sum == (int) sum ? nodes.numberNode((int) sum) : nodes.numberNode(sum);
    }

    /**
     * An integer from start (inclusive) to end (exclusive), bounds truncated to integers. With a
     * seed the value depends on the seed alone, so the same call repeats its value.
     */
    static JsonNode random(Args args, RandomGenerator unseeded) {
        int start = args.truncatedInt(0);
        int end = args.truncatedInt(1);
        if (start >= end) {
            throw args.invalid();
        }
        RandomGenerator generator = args.size() == 3 ? new SplittableRandom(args.truncatedInt(2)) : unseeded;
        return JsonNodeFactory.instance.numberNode((int) generator.nextLong(start, end));
    }
}
