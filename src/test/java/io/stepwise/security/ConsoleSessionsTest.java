package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** What the sign-in sends back to, and which unauthenticated requests are sent to sign in at all. */
class ConsoleSessionsTest {

    @Test
    void afterSignInOnlyAConsolePageOfThisServiceIsAPlaceToGo() {
        assertThat(ConsoleSessions.safeNext("/console/executions?status=FAILED")).isEqualTo("/console/executions?status=FAILED");
        assertThat(ConsoleSessions.safeNext("/console")).isEqualTo("/console");
        assertThat(ConsoleSessions.safeNext("/console?after=x")).isEqualTo("/console?after=x");
        for (String elsewhere : new String[] {null, "", "https://evil.example/console", "//evil.example/console",
                "/console//evil.example", "/console\\..\\x", "/consoled", "/v1/api-keys", "javascript:alert(1)"}) {
            assertThat(ConsoleSessions.safeNext(elsewhere)).as(elsewhere).isEqualTo("/console");
        }
    }

    @Test
    void onlyABrowserOpeningAConsolePageIsSentToSignIn() {
        assertThat(ConsoleSessions.isPageView(request("GET", "/console/executions",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))).isTrue();
        assertThat(ConsoleSessions.isPageView(request("GET", "/console", "text/html"))).isTrue();
        // scripts, streams and API clients get the 401 problem
        assertThat(ConsoleSessions.isPageView(request("GET", "/console/executions",
                "application/json, application/problem+json, text/html;q=0.9"))).isFalse();
        assertThat(ConsoleSessions.isPageView(request("GET", "/console/executions/x/stream", "text/event-stream")))
                .isFalse();
        assertThat(ConsoleSessions.isPageView(request("GET", "/console/executions", "*/*"))).isFalse();
        assertThat(ConsoleSessions.isPageView(request("GET", "/console/executions", null))).isFalse();
        assertThat(ConsoleSessions.isPageView(request("GET", "/console/executions", "%%%"))).isFalse();
        assertThat(ConsoleSessions.isPageView(request("GET", "/v1/executions", "text/html"))).isFalse();
        assertThat(ConsoleSessions.isPageView(request("POST", "/console/executions", "text/html"))).isFalse();
    }

    private static MockHttpServletRequest request(String method, String path, String accept) {
        var request = new MockHttpServletRequest(method, path);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        return request;
    }
}
