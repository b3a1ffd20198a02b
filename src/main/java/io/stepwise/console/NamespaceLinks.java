package io.stepwise.console;

import io.stepwise.api.RequestNamespaces;
import io.stepwise.security.Caller;
import io.stepwise.store.Namespace;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.http.HttpHeaders;
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
        boolean get = "GET".equals(request.getMethod());
        // a form's POST names no namespace in its body (only its action's query), and needs none here
        String named = get ? request.getParameter(PARAMETER) : null;
        if (get && named == null && request.getHeader(RequestNamespaces.HEADER) == null && prefersHtml(request)) {
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

    /** The query that puts a link in {@code namespace}: empty for the default namespace. */
    static String query(Namespace namespace) {
        return namespace.isDefault() ? "" : PARAMETER + "=" + namespace.name();
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

    private static boolean prefersHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
