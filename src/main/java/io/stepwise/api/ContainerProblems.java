package io.stepwise.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses some requests before any servlet sees them: a path with a broken percent-encoding
 * ({@code /v1/executions/%zz}) or an encoded slash, characters RFC 9112 does not allow in the request
 * target, more than 100 headers, headers beyond 8 KiB, TRACE. It answers those through the host's
 * {@link ErrorReportValve}, by default with an HTML page. This replaces that valve (after Spring Boot
 * has configured its own) with one that writes the same answer as a problem document.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve());
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** After Spring Boot's customizer, which adds an ErrorReportValve of its own. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report as a problem: the status kept, a stable type, Tomcat's message as the detail. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String message = response.getMessage();
            String detail = switch (status) {
                case 400 -> "The request is not valid HTTP as this server reads it"
                        + (message == null || message.isBlank() ? "" : " (" + message + ")")
                        + ": check the path's percent-encoding (%XX, UTF-8, no encoded '/'), the characters of the"
                        + " request target, and the number and size of the headers.";
                case 405 -> request.getMethod() + " is not supported.";
                default -> message == null || message.isBlank() ? "The request could not be served (HTTP " + status
                        + ")." : message;
            };
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(new String(Problems.json(Problems.forStatus(status, detail)), StandardCharsets.UTF_8));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response cannot take a body any more: nothing to add
            }
        }
    }
}
