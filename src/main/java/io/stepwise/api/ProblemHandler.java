package io.stepwise.api;

import io.stepwise.asl.InvalidDefinitionException;
import io.stepwise.engine.TestStateRejectedException;
import io.stepwise.store.BadRequestException;
import io.stepwise.jobs.JobStateException;
import io.stepwise.store.DatabaseErrors;
import io.stepwise.store.ExecutionConflictException;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.RedriveNotAllowedException;
import io.stepwise.store.StateMachineInUseException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type}: never a stack trace, never
 * an exception's class name. Body fields are named by {@code pointer} (a JSON pointer into the
 * request body), query and path parameters by {@code parameter}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidDefinitionException.class)
    ResponseEntity<ProblemDetail> invalidDefinition(InvalidDefinitionException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-definition",
                "Invalid state machine definition", e.getMessage(), "/definition" + pointerSuffix(e.location()));
        problem.setProperty("diagnostics", e.diagnostics());
        return Problems.response(problem);
    }

    /** Diagnostics point into the definition, where the root is "/"; inside the request it is /definition. */
    private static String pointerSuffix(String location) {
        return location == null || "/".equals(location) ? "" : location;
    }

    @ExceptionHandler(TestStateRejectedException.class)
    ResponseEntity<ProblemDetail> testStateRejected(TestStateRejectedException e) {
        return Problems.response(switch (e.reason()) {
            case INVALID_DEFINITION -> {
                String location = e.diagnostics().stream().filter(d -> d.isError()).findFirst()
                        .map(d -> d.location()).orElse("/");
                ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-definition",
                        "Invalid state definition", e.getMessage(), "/definition" + pointerSuffix(location));
                problem.setProperty("diagnostics", e.diagnostics());
                yield problem;
            }
            case NEEDS_MOCK -> Problems.of(HttpStatus.BAD_REQUEST, "mock-required", "Mock required", e.getMessage(),
                    "/mock");
            case INVALID_REQUEST -> Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    e.getMessage(), TestStatePointers.of(e.getMessage()));
        });
    }

    /** A wrong value in a well-formed body, from any capability (a start, a job, a schedule). */
    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
        return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.pointer()));
    }

    @ExceptionHandler(JobStateException.class)
    ResponseEntity<ProblemDetail> jobState(JobStateException e) {
        return Problems.response(switch (e.refused()) {
            case CANCEL -> Problems.of(HttpStatus.CONFLICT, "job-finished", "Job finished", e.getMessage(), null);
            case RETRY -> Problems.of(HttpStatus.CONFLICT, "job-not-retryable", "Job not retryable", e.getMessage(),
                    null);
        });
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        return Problems.response(parameterProblem(e.parameter(), e.getMessage()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return Problems.response(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage(),
                e.pointer()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), null));
    }

    @ExceptionHandler(ExecutionConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ExecutionConflictException e) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, "execution-exists", "Execution already exists", e.getMessage(),
                "/name"));
    }

    @ExceptionHandler(StateMachineInUseException.class)
    ResponseEntity<ProblemDetail> inUse(StateMachineInUseException e) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, "state-machine-in-use", "State machine in use", e.getMessage(), null));
    }

    @ExceptionHandler(RedriveNotAllowedException.class)
    ResponseEntity<ProblemDetail> redriveNotAllowed(RedriveNotAllowedException e) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, "redrive-not-allowed", "Redrive not allowed", e.getMessage(), null));
    }

    @ExceptionHandler(TaskAnswerRefusedException.class)
    ResponseEntity<ProblemDetail> taskAnswerRefused(TaskAnswerRefusedException e) {
        return Problems.response(Problems.of(e.status(), e.type(), e.title(), e.getMessage(), "/taskToken"));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, e.type(), e.title(), e.getMessage(), null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : switch (e.getRequiredType().getSimpleName()) {
            case "UUID" -> "UUID (such as 0190a3a0-0000-7000-8000-000000000000)";
            case "int", "Integer", "long", "Long" -> "whole number";
            case "boolean", "Boolean" -> "boolean (true or false)";
            default -> "value";
        };
        return Problems.response(parameterProblem(e.getName(), "'" + e.getValue() + "' is not a valid " + e.getName() + ": expected a "
                + expected + "."));
    }

    /** Tomcat's refusal of a query string it cannot decode, raised when Spring binds a parameter. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> illegalState(IllegalStateException e, HttpServletRequest request) {
        if (QueryStrings.isUndecodable(e)) {
            return Problems.response(QueryStrings.problem(request.getQueryString()));
        }
        return unexpected(e);
    }

    /**
     * PostgreSQL text cannot hold U+0000, and refuses it wherever it arrives (a name, a filter, an error
     * name; JSON payloads keep it escaped and are fine). That is the client's input, not a fault here.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> dataIntegrity(DataIntegrityViolationException e) {
        if (DatabaseErrors.isNulInText(e)) {
            return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "A text value holds the NUL character (U+0000), which names, filters, error names and causes"
                            + " cannot hold. Remove it.", null));
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error serving a request", e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Stepwise could not complete the request. The server log has the details.", null));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String pointer = null;
        String detail = "The request body is missing or is not valid JSON.";
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            pointer = pointerOf(unknown);
            detail = "Unknown field " + pointer + ". Allowed here: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ".";
        } else if (cause instanceof InvalidNullException nullValue && !nullValue.getPath().isEmpty()) {
            pointer = pointerOf(nullValue);
            detail = "The field " + pointer + " cannot be null.";
        } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            pointer = pointerOf(mismatch);
            detail = "The value at " + pointer + " has the wrong type: expected " + expected(mismatch.getTargetType())
                    + ".";
        } else if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            pointer = pointerOf(databind);
            detail = "The value at " + pointer + " is not allowed here.";
        } else if (cause instanceof DatabindException) {
            detail = "The request body must be a JSON object.";
        } else if (JsonDuplicates.isDuplicate(cause)) {
            pointer = JsonDuplicates.pointer(cause, "");
            detail = JsonDuplicates.detail("The request body", pointer);
        } else if (cause instanceof StreamConstraintsException limit) {
            detail = JsonLimits.detail("The request body", limit);
        } else if (cause instanceof JacksonException jackson) {
            detail = "The request body is not valid JSON: " + jackson.getOriginalMessage();
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", detail, pointer));
    }

    /** A Bean Validation field path ({@code executions[3].name}) as a JSON pointer ({@code /executions/3/name}). */
    static String fieldPointer(String field) {
        return "/" + field.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors();
        String detail = errors.stream()
                .map(f -> fieldPointer(f.getField()) + " " + f.getDefaultMessage())
                .sorted().collect(Collectors.joining("; ")) + ".";
        FieldError first = errors.stream().min((a, b) -> a.getField().compareTo(b.getField())).orElseThrow();
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                "Invalid request", detail, fieldPointer(first.getField())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fieldErrors = e.getBeanResults().stream().flatMap(r -> r.getFieldErrors().stream())
                .sorted((a, b) -> a.getField().compareTo(b.getField())).toList();
        if (!fieldErrors.isEmpty()) {
            // a @Valid body in a method that also validates parameters is reported here, not as MethodArgumentNotValid
            String detail = fieldErrors.stream().map(f -> fieldPointer(f.getField()) + " "
                    + f.getDefaultMessage()).collect(Collectors.joining("; ")) + ".";
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                    "Invalid request", detail, fieldPointer(fieldErrors.getFirst().getField())));
        }
        var first = e.getParameterValidationResults().getFirst();
        String name = first.getMethodParameter().getParameterName();
        String detail = e.getParameterValidationResults().stream()
                .map(r -> r.getMethodParameter().getParameterName() + " " + r.getResolvableErrors().stream()
                        .map(m -> m.getDefaultMessage()).collect(Collectors.joining(", ")) + " (was '"
                        + r.getArgument() + "')")
                .collect(Collectors.joining("; ")) + ".";
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(parameterProblem(name, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(parameterProblem(e.getParameterName(),
                "The query parameter '" + e.getParameterName() + "' is required."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "Send the request body as JSON with 'Content-Type: application/json'"
                        + (e.getContentType() == null ? "." : ", not " + e.getContentType() + "."), null);
        return new ResponseEntity<>(problem, Problems.withProblemType(headers), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String allowed = e.getSupportedHttpMethods() == null ? ""
                : " Allowed: " + e.getSupportedHttpMethods().stream().map(Object::toString).sorted()
                        .collect(Collectors.joining(", ")) + ".";
        ProblemDetail problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                e.getMethod() + " is not supported on this path." + allowed, null);
        return new ResponseEntity<>(problem, Problems.withProblemType(headers), HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                "Responses are JSON: accept application/json or application/problem+json.", null);
        return new ResponseEntity<>(problem, Problems.withProblemType(headers), HttpStatus.NOT_ACCEPTABLE);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No endpoint at /" + e.getResourcePath() + ". The API lives under /v1; /v3/api-docs describes it.",
                null), Problems.withProblemType(headers), HttpStatus.NOT_FOUND);
    }

    /**
     * Every problem Spring MVC reports goes out through here: it keeps its status, gets a stable type
     * instead of about:blank, and is written as application/problem+json whatever the Accept header
     * asked for.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.typed(problem);
            return new ResponseEntity<>(problem, Problems.withProblemType(headers), status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // a path variable that converts to nothing, such as a blank UUID (/v1/executions/%20)
        String expected = e.getParameter().getParameterType() == UUID.class
                ? "a UUID (such as 0190a3a0-0000-7000-8000-000000000000)" : "a value";
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(parameterProblem(
                e.getVariableName(), "The path parameter '" + e.getVariableName() + "' is blank: expected " + expected
                        + "."));
    }

    private static ProblemDetail parameterProblem(String parameter, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail,
                null);
        problem.setProperty("parameter", parameter);
        return problem;
    }

    /** The expected JSON type in a client's words, never a Java class name. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long", "short", "Short" -> "a whole number";
            case "double", "Double", "float", "Float", "BigDecimal" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            default -> type.isRecord() ? "a JSON object" : "another type";
        };
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
