package io.stepwise.api;

import io.stepwise.security.Caller;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The namespace a request works in (docs/namespaces.md), for every handler that takes a {@link Namespace}:
 * the {@value #HEADER} header, the default namespace without it. The console's pages, which a browser
 * reaches through links, may name it with {@code ?namespace=} instead. A malformed name is a 400 problem
 * naming the header; a namespace the caller is not bound to is a 404 whatever it holds, so an answer never
 * tells whether another team's namespace or anything in it exists.
 */
@Configuration(proxyBeanMethods = false)
public class RequestNamespaces implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    public static final String HEADER = Namespace.HEADER;
    /** The query parameter naming a console page's namespace: a browser follows links, it sends no headers. */
    public static final String CONSOLE_PARAMETER = "namespace";

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Namespace.class;
    }

    @Override
    public Namespace resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binders) {
        return of(request.getNativeRequest(HttpServletRequest.class),
                parameter.getContainingClass().getPackageName().endsWith(".console"));
    }

    /** The request's namespace, checked against its caller. */
    static Namespace of(HttpServletRequest request, boolean console) {
        String named = request.getHeader(HEADER);
        String source = HEADER;
        if (named == null && console) {
            named = request.getParameter(CONSOLE_PARAMETER);
            source = CONSOLE_PARAMETER;
        }
        if (named == null || named.isEmpty() && console) {
            named = Namespace.DEFAULT.name();
        }
        if (!Namespace.isValid(named)) {
            throw new InvalidParameterException(source, "'" + named + "' is not a namespace: expected 1 to 63 of"
                    + " a-z 0-9 and '-', starting with a letter or digit.");
        }
        if (!Caller.currentMayUse(named)) {
            throw new NotFoundException("namespace", named);
        }
        return Namespace.DEFAULT.name().equals(named) ? Namespace.DEFAULT : new Namespace(named);
    }
}
