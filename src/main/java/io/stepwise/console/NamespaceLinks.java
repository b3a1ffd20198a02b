package io.stepwise.console;

import io.stepwise.api.RequestNamespaces;
import io.stepwise.security.Caller;
import io.stepwise.security.ConsoleSessions;
import io.stepwise.store.Namespace;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a console page's namespace in every console URL the server writes for it (docs/console.md,
 * "Namespaces"): Thymeleaf's {@code @{…}} links and form actions and Spring's redirects all pass through
 * the servlet response's {@code encodeURL}, the hook servlet containers offer for URL rewriting, so the
 * rule lives here once instead of in every link of every template. The default namespace adds nothing,
 * so a single team's URLs are what they always were. A URL that already names a namespace (the
 * switcher's) is left as written, and so are the console's scripts and styles.
 *
 * <p>A browser that opens a page without naming a namespace, signed in with a key or token not bound to
 * {@code default}, is sent to its first namespace rather than shown a 404: that is where sign-in lands.
 */
@Component
class NamespaceLinks extends OncePerRequestFilter {

    private static final String PARAMETER = RequestNamespaces.CONSOLE_PARAMETER;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isPage(request.getContextPath(), request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // a form's POST names no namespace in its body (only its action's query), and needs none here
        String named = "GET".equals(request.getMethod()) ? request.getParameter(PARAMETER) : null;
        if (named == null && request.getHeader(RequestNamespaces.HEADER) == null && ConsoleSessions.isPageView(request)) {
            String landing = Caller.current().filter(caller -> !caller.mayUse(Namespace.DEFAULT.name()))
                    .flatMap(caller -> caller.namespaces().stream().sorted().findFirst()).orElse(null);
            if (landing != null) {
                String query = request.getQueryString();
                response.sendRedirect(request.getRequestURI() + "?" + (query == null ? "" : query + "&")
                        + PARAMETER + "=" + landing);
                return;
            }
        }
        if (named == null || named.equals(Namespace.DEFAULT.name()) || !Namespace.isValid(named)) {
            chain.doFilter(request, response);
            return;
        }
        String contextPath = request.getContextPath();
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public String encodeURL(String url) {
                return super.encodeURL(withNamespace(contextPath, url, named));
            }

            @Override
            public String encodeRedirectURL(String url) {
                return super.encodeRedirectURL(withNamespace(contextPath, url, named));
            }
        });
    }

    /**
     * The start of a link to this page with {@code parameter}'s value to follow, in {@code namespace}: for
     * links written outside the templates (the graph's states), which do not pass through the response.
     */
    static String queryUpTo(Namespace namespace, String parameter) {
        return "?" + (namespace.isDefault() ? "" : PARAMETER + "=" + namespace.name() + "&") + parameter + "=";
    }

    /** {@code url} with {@code namespace=} added when it is a console page (or this page's query) naming none. */
    static String withNamespace(String contextPath, String url, String namespace) {
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String rest = hash < 0 ? url : url.substring(0, hash);
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? null : rest.substring(question + 1);
        boolean thisPage = path.isEmpty() && query != null;
        if (!thisPage && !isPage(contextPath, path) || query != null && Arrays.stream(query.split("&"))
                .anyMatch(p -> p.equals(PARAMETER) || p.startsWith(PARAMETER + "="))) {
            return url;
        }
        return path + "?" + (query == null || query.isEmpty() ? "" : query + "&") + PARAMETER + "=" + namespace
                + fragment;
    }

    /** A console page, stream or fragment; not one of the files beside them (console.js, console.css). */
    private static boolean isPage(String contextPath, String path) {
        String console = contextPath + "/console";
        if (path.equals(console)) {
            return true;
        }
        return path.startsWith(console + "/") && !(path.indexOf('/', console.length() + 1) < 0
                && path.substring(console.length() + 1).contains("."));
    }
}
