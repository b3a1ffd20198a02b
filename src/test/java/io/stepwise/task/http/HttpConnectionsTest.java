package io.stepwise.task.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.support.MutableClock;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpConnectionsTest {

    @Test
    void anEventBridgeConnectionArnNamesItsConnection() {
        assertThat(HttpConnections.name("arn:aws:events:us-east-2:123456789012:connection/Stripe/81210c42-8af1-456b"))
                .isEqualTo("Stripe");
        assertThat(HttpConnections.name("arn:aws-cn:events:cn-north-1:123456789012:connection/crm")).isEqualTo("crm");
        assertThat(HttpConnections.name("crm")).isEqualTo("crm");
        assertThat(HttpConnections.name("arn:aws:lambda:us-east-1:1:function:crm")).isEqualTo(
                "arn:aws:lambda:us-east-1:1:function:crm");
    }

    @Test
    void aConnectionMustHaveExactlyOneKindAndItsFields() {
        var two = new HttpConnectionProperties(new HttpConnectionProperties.Basic("u", "p"),
                new HttpConnectionProperties.ApiKey("k", "v"), null);
        assertThatThrownBy(() -> connections(Map.of("both", two)))
                .hasMessageContaining("stepwise.http.connections.both.*").hasMessageContaining("exactly one");
        var noPassword = new HttpConnectionProperties(new HttpConnectionProperties.Basic("u", " "), null, null);
        assertThatThrownBy(() -> connections(Map.of("crm", noPassword)))
                .hasMessageContaining("stepwise.http.connections.crm.basic.password");
    }

    private static HttpConnections connections(Map<String, HttpConnectionProperties> connections) {
        return new HttpConnections(HttpTasks.properties(List.of(), connections), HttpClient.newHttpClient(),
                MutableClock.startingNow());
    }
}
