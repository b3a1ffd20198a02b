package io.stepwise.config;

import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper Spring MVC reads requests and writes responses with: Spring Boot's, on a JSON factory
 * that may write deeper than it reads. Jackson limits both reading and writing to 500 levels of
 * nesting, so an input 499 levels deep was accepted, run and stored, and then its history (which wraps
 * it in {@code events[i].details.input}) could not be written: a 500 for a request that had been
 * accepted. Requests stay limited to 500 levels; responses, which wrap stored documents in a few
 * levels of their own, may have {@value #MAX_WRITE_DEPTH}. It also refuses an object with a key twice
 * (Jackson would keep the last), so that a definition with two states of one name is a 400 pointing at
 * the second rather than a machine missing a state.
 */
@Configuration(proxyBeanMethods = false)
class JsonMapperConfiguration {

    static final int MAX_WRITE_DEPTH = 1000;

    /** Replaces Spring Boot's builder bean of the same name, applying the same customizers (spring.jackson.*). */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory factory = JsonFactory.builder()
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
                .build();
        // a key twice in one object is refused, not resolved by keeping the last (DuplicateKeys in the README)
        JsonMapper.Builder builder = JsonMapper.builder(factory).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
