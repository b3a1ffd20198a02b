package io.stepwise.config;

import io.stepwise.asl.intrinsic.IntrinsicEvaluator;
import io.stepwise.asl.intrinsic.IntrinsicSources;
import io.stepwise.asl.jsonata.JsonataEvaluator;
import io.stepwise.asl.jsonata.JsonataSources;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.StateData;
import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One interpreter per replica: it caches compiled templates and expressions, and is thread-safe. */
@Configuration(proxyBeanMethods = false)
class InterpreterConfiguration {

    @Bean
    Interpreter interpreter(Clock clock) {
        // java.util.Random is thread-safe; the interpreter is shared by every worker thread
        RandomGenerator random = new java.util.Random();
        var intrinsics = new IntrinsicEvaluator(new IntrinsicSources(random, UUID::randomUUID));
        var jsonata = new JsonataEvaluator(new JsonataSources(clock, random::nextDouble, UUID::randomUUID));
        return new Interpreter(new StateData(intrinsics, jsonata), random);
    }
}
