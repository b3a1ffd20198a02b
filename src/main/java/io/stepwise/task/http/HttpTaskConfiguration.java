package io.stepwise.task.http;

import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP task's shared client: one pool of keep-alive HTTP/1.1 connections for every task and every
 * replica thread, which is what makes thousands of calls a second cheap. Redirects are not followed: a
 * redirect could lead past the allow-list, and AWS reports it as the 3xx it is.
 */
@Configuration(proxyBeanMethods = false)
class HttpTaskConfiguration {

    // shutdownNow, not close: close waits for every request in flight, and by the time beans are
    // destroyed the workers have stopped and whatever is still running is abandoned anyway
    @Bean(destroyMethod = "shutdownNow")
    HttpClient stepwiseHttpTaskClient(HttpTaskProperties properties) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Bean
    HttpConnections httpConnections(HttpTaskProperties properties, HttpClient stepwiseHttpTaskClient, Clock clock) {
        return new HttpConnections(properties, stepwiseHttpTaskClient, clock);
    }

}
