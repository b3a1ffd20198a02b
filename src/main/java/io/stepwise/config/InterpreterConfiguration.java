package io.stepwise.config;

import io.stepwise.activity.HmacTaskTokens;
import io.stepwise.engine.Interpreter;
import java.time.Clock;
import java.util.Random;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One interpreter per replica: it caches compiled templates and expressions, and is thread-safe. */
@Configuration(proxyBeanMethods = false)
class InterpreterConfiguration {

    @Bean
    Interpreter interpreter(Clock clock, HmacTaskTokens tokens) {
        // java.util.Random is thread-safe; the interpreter is shared by every worker thread
        return Interpreter.of(clock, new Random(), tokens);
    }
}
