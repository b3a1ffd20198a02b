package io.stepwise.asl.intrinsic;

import java.util.List;

/** A parsed call such as {@code States.Format('{}', $.name)}; arguments may be calls themselves. */
public record IntrinsicCall(IntrinsicFunction function, List<IntrinsicArgument> arguments) implements IntrinsicArgument {

    public IntrinsicCall {
        arguments = List.copyOf(arguments);
    }
}
