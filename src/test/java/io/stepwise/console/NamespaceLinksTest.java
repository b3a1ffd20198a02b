package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.Namespace;
import org.junit.jupiter.api.Test;

/** Which URLs a page of namespace team-a rewrites, and how (ConsoleNamespaceLinksTest checks whole pages). */
class NamespaceLinksTest {

    private static String rewrite(String url) {
        return NamespaceLinks.withNamespace("", url, "team-a");
    }

    @Test
    void consolePagesAndThisPagesQueriesGetTheNamespace() {
        assertThat(rewrite("/console")).isEqualTo("/console?namespace=team-a");
        assertThat(rewrite("/console/executions?status=FAILED&name=x")).isEqualTo(
                "/console/executions?status=FAILED&name=x&namespace=team-a");
        assertThat(rewrite("/console/executions/1?state=Charge#panel")).isEqualTo(
                "/console/executions/1?state=Charge&namespace=team-a#panel");
        assertThat(rewrite("?state=Charge")).isEqualTo("?state=Charge&namespace=team-a");
        assertThat(rewrite("/console/state-machines/orders.v2")).isEqualTo("/console/state-machines/orders.v2?namespace=team-a");
        assertThat(NamespaceLinks.withNamespace("/sw", "/sw/console/executions", "team-a")).isEqualTo(
                "/sw/console/executions?namespace=team-a");
    }

    @Test
    void otherUrlsAndUrlsNamingANamespaceStayAsWritten() {
        for (String url : new String[] {"/console?namespace=default", "/console/executions?status=FAILED&namespace=b",
                "/console/console.css", "/console/execution.js", "/swagger-ui.html", "/v1/executions", "/consoled",
                "https://example.com/console", "#main", "/sw/console"}) {
            assertThat(rewrite(url)).as(url).isEqualTo(url);
        }
    }

    @Test
    void linksWrittenOutsideTheTemplatesStartWithTheNamespace() {
        assertThat(NamespaceLinks.queryUpTo(new Namespace("team-a"), "state")).isEqualTo("?namespace=team-a&state=");
        assertThat(NamespaceLinks.queryUpTo(Namespace.DEFAULT, "state")).isEqualTo("?state=");
    }
}
