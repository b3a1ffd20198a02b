package io.stepwise.api;

import io.stepwise.store.Namespace;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at {@code /v3/api-docs}, which clients in other languages are generated from.
 * springdoc derives paths and schemas from the controllers; this adds what it cannot see: the API's name
 * and version, the problem responses (those every endpoint can answer, found from the method's
 * parameters, plus those a method declares with {@link ProblemResponses}), and schemas for the
 * Jackson 3 types that swagger-core does not know.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String BEARER = "bearer";
    static final String JSON_VALUE_SCHEMA = "JsonValue";
    static final String PROBLEM_JSON = "application/problem+json";

    static {
        // swagger-core knows Jackson 2's JsonNode only: it would describe Jackson 3's by its getters
        // (isArray, isNumber, ...). A JSON value is any JSON: a schema without a type, given by reference
        // (an inline one came out as type object, which a client would enforce on a string input).
        // a handler's Namespace comes from the Stepwise-Namespace header (RequestNamespaces), described in the
        // API's description: a parameter of every operation would be one more argument of every generated method
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Namespace.class)
                .replaceWithSchema(JsonNode.class, new JsonSchema().$ref(ref(JSON_VALUE_SCHEMA)))
                .replaceWithSchema(ProblemDetail.class, new JsonSchema().$ref(ref(PROBLEM_SCHEMA)));
    }

    @Bean
    OpenAPI stepwiseOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "development" : properties.getVersion();
        return new OpenAPI()
                .info(new Info().title("Stepwise API").version(version).description("""
                        Durable Amazon States Language workflows on PostgreSQL: register state machines, start \
                        and follow executions, test single states.

                        Bodies are JSON (`Content-Type: application/json`), with camelCase fields and ISO-8601 \
                        UTC times. Every error is an RFC 9457 problem (`application/problem+json`) whose `type` \
                        is a stable URI (`urn:stepwise:problem:<name>`) to switch on; `pointer` names the \
                        offending field of the body (a JSON pointer), `parameter` the offending path or query \
                        parameter (or header). A 503 carries `Retry-After`: the same request will work again shortly and \
                        changed nothing. Besides the answers listed per operation, the server itself may answer \
                        any request 405 (method), 414 (URI too long) or 431 (headers too large), also as problems.

                        Namespaces: the header `Stepwise-Namespace` (`^[a-z0-9][a-z0-9-]{0,62}$`, default \
                        `default`) names the namespace a request works in; state machines, executions, \
                        activities, task tokens and queues are per namespace, and another namespace's, or one \
                        the caller is not bound to, answer 404. It is not a parameter of each operation, so \
                        that a client sets it once (as a default header) rather than on every call."""))
                .tags(List.of(
                        new Tag().name("State machines").description("Register, read, validate and delete ASL definitions, versioned."),
                        new Tag().name("Executions").description("Start, list, follow, stop and redrive executions of a state machine."),
                        new Tag().name("Test state").description("Run one state in isolation, its work mocked (AWS's TestState)."),
                        new Tag().name("Jobs").description("One-off background jobs: a task with retries, a due time, a"
                                + " queue, a priority and an optional unique key (docs/jobs.md)."),
                        new Tag().name("Activities").description("Task queues that workers in any language poll over HTTP."),
                        new Tag().name("Security").description("API keys and the audit trail of mutating calls (admins"
                                + " only)."),
                        new Tag().name("Queues").description("The queues executions run on: limits (concurrency, rate) that"
                                + " hold across replicas, pause and resume, what is in them."),
                        new Tag().name("Task tokens").description("Answer a task that waits for its token: an activity's, or a"
                                + " .waitForTaskToken call's."),
                        new Tag().name("Schedules").description("Start executions on a cron schedule, in a time zone.")))
                // every operation takes a bearer API key or JWT while authentication is on (docs/security.md)
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .components(new Components().addSchemas(PROBLEM_SCHEMA, problemSchema())
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key (sw_...) from POST /v1/api-keys or the bootstrap key, or a JWT"
                                        + " of the configured OAuth 2 / OIDC issuer."))
                        .addSchemas(JSON_VALUE_SCHEMA, new JsonSchema().description(
                                "Any JSON value: an object, array, string, number, boolean or null.")));
    }

    /**
     * Adds to every operation the problem responses it can answer: by its parameters (a body can be
     * malformed, too large or of the wrong type; a path or query parameter can be invalid, a query string
     * undecodable), by being an
     * endpoint at all (406, 500, 503), and those its method declares with {@link ProblemResponses}.
     */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
            for (ProblemType type : answeredProblems(handler)) {
                byStatus.computeIfAbsent(type.status, s -> new ArrayList<>()).add(type);
            }
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            byStatus.forEach((status, types) -> operation.getResponses().addApiResponse(String.valueOf(status),
                    problemResponse(types)));
            return operation;
        };
    }

    /** The problems {@code handler} can answer, in the order of {@link ProblemType}. */
    static Set<ProblemType> answeredProblems(HandlerMethod handler) {
        Set<ProblemType> types = EnumSet.of(ProblemType.UNAUTHORIZED, ProblemType.FORBIDDEN,
                ProblemType.NOT_ACCEPTABLE, ProblemType.INTERNAL, ProblemType.DATABASE_UNAVAILABLE);
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                types.addAll(List.of(ProblemType.MALFORMED_REQUEST, ProblemType.INVALID_REQUEST,
                        ProblemType.PAYLOAD_TOO_LARGE, ProblemType.UNSUPPORTED_MEDIA_TYPE));
            }
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                types.add(ProblemType.INVALID_PARAMETER);
            }
            if (parameter.getParameterType() == Namespace.class) {
                types.addAll(List.of(ProblemType.INVALID_PARAMETER, ProblemType.NOT_FOUND));
            }
            if (parameter.hasParameterAnnotation(RequestParam.class)) {
                // reading a parameter makes the container decode the query string, which may be broken (%zz)
                types.addAll(List.of(ProblemType.INVALID_PARAMETER, ProblemType.MALFORMED_REQUEST));
            }
        }
        ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
        if (declared != null) {
            types.addAll(Arrays.asList(declared.value()));
        }
        return types;
    }

    private static ApiResponse problemResponse(List<ProblemType> types) {
        String description = types.stream().map(t -> "`" + t.slug + "`: " + t.when)
                .collect(Collectors.joining("\n\n"));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemType type : types) {
            examples.put(type.slug, new Example().summary(type.title).value(exampleOf(type)));
        }
        ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(
                PROBLEM_JSON, new MediaType().schema(new JsonSchema().$ref(ref(PROBLEM_SCHEMA))).examples(examples)));
        if (types.contains(ProblemType.DATABASE_UNAVAILABLE)) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
                    .schema(new JsonSchema().types(Set.of("integer"))));
        }
        return response;
    }

    private static Map<String, Object> exampleOf(ProblemType type) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri());
        example.put("title", type.title);
        example.put("status", type.status);
        example.put("detail", type.exampleDetail);
        example.put("instance", "/v1/...");
        if (type.examplePointer != null) {
            example.put("pointer", type.examplePointer);
        }
        if (type == ProblemType.INVALID_PARAMETER) {
            example.put("parameter", "id");
        }
        return example;
    }

    private static Schema<?> problemSchema() {
        return new JsonSchema().types(Set.of("object")).description("An RFC 9457 problem.")
                .required(List.of("type", "title", "status"))
                .addProperty("type", new JsonSchema().types(Set.of("string")).format("uri").description(
                        "Stable URI of the kind of problem, urn:stepwise:problem:<name>: switch on this."))
                .addProperty("title", new JsonSchema().types(Set.of("string")).description("The type in words."))
                .addProperty("status", new JsonSchema().types(Set.of("integer")).format("int32"))
                .addProperty("detail", new JsonSchema().types(Set.of("string")).description(
                        "What went wrong with this request and what to change, for people."))
                .addProperty("instance", new JsonSchema().types(Set.of("string")).description("The request's path."))
                .addProperty("pointer", new JsonSchema().types(Set.of("string")).description(
                        "JSON pointer of the offending field in the request body (or in the definition inside it)."))
                .addProperty("parameter", new JsonSchema().types(Set.of("string")).description(
                        "Name of the offending path or query parameter."))
                .addProperty("diagnostics", new JsonSchema().types(Set.of("array")).description(
                        "invalid-definition only: every finding of the validator.")
                        .items(new JsonSchema().$ref(ref("Diagnostic"))));
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }
}
