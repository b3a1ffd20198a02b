package io.stepwise.api;

import io.stepwise.asl.InvalidDefinitionException;
import io.stepwise.store.ExecutionConflictException;
import io.stepwise.store.NotFoundException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Turns every failure into a problem body: never a stack trace, never an exception's class name. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidDefinitionException.class)
    ProblemDetail invalidDefinition(InvalidDefinitionException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-definition",
                "Invalid state machine definition", e.getMessage(), "/definition" + pointerSuffix(e.location()));
        problem.setProperty("diagnostics", e.diagnostics());
        return problem;
    }

    /** Diagnostics point into the definition, where the root is "/"; inside the request it is /definition. */
    private static String pointerSuffix(String location) {
        return "/".equals(location) ? "" : location;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.pointer());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ExecutionConflictException.class)
    ProblemDetail conflict(ExecutionConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "execution-exists", "Execution already exists", e.getMessage(),
                "/name");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                "'" + e.getValue() + "' is not a valid " + e.getName() + ".", null);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error serving a request", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Stepwise could not complete the request. The server log has the details.", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String pointer = null;
        String detail = "The request body is not valid JSON.";
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            pointer = pointerOf(databind);
            detail = "The value at " + pointer + " has the wrong type or is not allowed: " + databind.getOriginalMessage();
        } else if (e.getCause() instanceof JacksonException jackson) {
            detail = "The request body is not valid JSON: " + jackson.getOriginalMessage();
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", detail, pointer));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var first = e.getBindingResult().getFieldErrors().getFirst();
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> "/" + f.getField().replace('.', '/') + " " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                "Invalid request", detail, "/" + first.getField().replace('.', '/')));
    }

    private static String pointerOf(DatabindException e) {
        StringBuilder pointer = new StringBuilder();
        for (var reference : e.getPath()) {
            pointer.append('/');
            if (reference.getPropertyName() != null) {
                pointer.append(reference.getPropertyName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }
}
