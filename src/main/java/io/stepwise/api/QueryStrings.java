package io.stepwise.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Explains a query string the servlet container could not decode. Tomcat 11 decodes parameters lazily
 * and throws its {@code InvalidParameterException} (an {@code IllegalStateException} carrying 400)
 * from the first {@code getParameter} call, which for us is Spring binding a {@code @RequestParam}:
 * a broken percent-encoding ({@code %zz}, a lone {@code %}), bytes that are not UTF-8 ({@code %ff}),
 * or a parameter without a name ({@code =x}). This finds which, so the problem says what to change.
 */
final class QueryStrings {

    static final String TOMCAT_INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

    private QueryStrings() {
    }

    /** Whether {@code e} (or a cause) is the container's refusal of the query string or form body. */
    static boolean isUndecodable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(TOMCAT_INVALID_PARAMETER)) {
                return true;
            }
        }
        return false;
    }

    /** A 400 malformed-request problem naming the fault in {@code query} and, when it has one, the parameter. */
    static ProblemDetail problem(String query) {
        String parameter = null;
        String detail = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                if (name.isEmpty()) {
                    detail = "The query string has a parameter without a name ('" + shorten(pair) + "'): write name=value,"
                            + " or leave the parameter out.";
                    break;
                }
                String fault = fault(name);
                if (fault != null) {
                    detail = "The name of the query parameter '" + shorten(name) + "' " + fault;
                    break;
                }
                fault = fault(value);
                if (fault != null) {
                    parameter = decodedOrRaw(name);
                    detail = "The value of the query parameter '" + shorten(parameter) + "' " + fault;
                    break;
                }
            }
        }
        if (detail == null) {
            detail = "The query string could not be decoded: use name=value pairs joined by '&', percent-encoded UTF-8"
                    + " (a literal '%' is %25), and at most a few hundred parameters.";
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail,
                null);
        if (parameter != null) {
            problem.setProperty("parameter", parameter);
        }
        return problem;
    }

    /** Why {@code text} does not percent-decode to UTF-8, or null when it does. */
    private static String fault(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    String escape = text.substring(i, Math.min(text.length(), i + 3));
                    return "has '" + escape + "', which is not a percent-encoding: '%' must be followed by two hex digits"
                            + " (a literal '%' is written %25).";
                }
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return null;
        } catch (CharacterCodingException e) {
            return "does not decode to UTF-8 text: percent-encode the UTF-8 bytes of each character (é is %C3%A9).";
        }
    }

    private static String decodedOrRaw(String name) {
        return fault(name) == null ? java.net.URLDecoder.decode(name, StandardCharsets.UTF_8) : name;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
