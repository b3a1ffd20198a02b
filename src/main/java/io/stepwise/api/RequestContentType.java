package io.stepwise.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose Content-Type is a wildcard ({@code *}{@code /*}, {@code application/*}) with
 * 415. Spring MVC reads such a header into {@code HttpHeaders}, which asserts that a Content-Type is
 * concrete and throws an IllegalArgumentException from inside the body's argument resolver: without
 * this filter the client would get a 500 for a header it chose.
 */
@Component
class RequestContentType extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && isWildcard(header)) {
            Problems.write(response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "Send the request body as JSON with 'Content-Type: application/json',"
                            + " not the wildcard " + header + ".", null));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // Spring MVC answers an unparseable Content-Type with 415 itself
        }
    }
}
