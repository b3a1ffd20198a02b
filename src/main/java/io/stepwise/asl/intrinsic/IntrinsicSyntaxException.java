package io.stepwise.asl.intrinsic;

/** An intrinsic function call that cannot be parsed, or names a function the language does not have. */
public class IntrinsicSyntaxException extends RuntimeException {

    public IntrinsicSyntaxException(String call, int position, String problem) {
        super("Invalid intrinsic function call '" + call + "' at position " + position + ": " + problem);
    }
}
