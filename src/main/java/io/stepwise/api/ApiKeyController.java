package io.stepwise.api;

import io.stepwise.store.BadRequestException;
import io.stepwise.security.ApiKeys;
import io.stepwise.security.Caller;
import io.stepwise.security.Role;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.StoredApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys, for admins (docs/security.md). The key itself is in the answer to its creation only: it is
 * stored as a hash, and no listing, log or audit row ever shows it again.
 */
@RestController
@RequestMapping("/v1/api-keys")
@Tag(name = "Security")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param role reader, operator, worker or admin
     * @param namespaces the namespaces the key may name (default ["default"]); "*" for all of them. A caller
     *        grants only namespaces it may name itself.
     */
    @Schema(example = ApiExamples.CREATE_API_KEY)
    record CreateApiKeyRequest(
            @NotNull @Pattern(regexp = StateMachineController.NAME, message = StateMachineController.NAME_MESSAGE)
            String name,
            @NotNull @Pattern(regexp = "reader|operator|worker|admin", message = "must be reader, operator, worker or admin")
            String role,
            @Size(min = 1, max = 100) List<@NotNull @Pattern(regexp = "\\*|" + Namespace.PATTERN,
                    message = "must be * or 1 to 63 of a-z 0-9 and '-', starting with a letter or digit") String>
            namespaces) {

        List<String> namespacesOrDefault() {
            return namespaces == null ? List.of(Namespace.DEFAULT.name()) : namespaces.stream().distinct().toList();
        }
    }

    /** @param prefix the key's public part (sw_<prefix>_...), how the audit trail names it: key:<prefix> */
    @Schema(example = ApiExamples.API_KEY)
    record ApiKeyResponse(UUID id, String name, String role, String prefix, Instant createdAt, String createdBy,
            Instant revokedAt, List<String> namespaces) {
        static ApiKeyResponse of(StoredApiKey key) {
            return new ApiKeyResponse(key.id(), key.name(), key.role(), key.prefix(), key.createdAt(), key.createdBy(),
                    key.revokedAt(), key.namespaces());
        }
    }

    /** @param key the API key: shown this once, never again; send it as 'Authorization: Bearer <key>' */
    @Schema(example = ApiExamples.CREATED_API_KEY)
    record CreatedApiKeyResponse(UUID id, String name, String role, String prefix, Instant createdAt,
            String createdBy, List<String> namespaces, String key) {
    }

    @Schema(example = ApiExamples.API_KEY_LIST)
    record ApiKeyList(List<ApiKeyResponse> items) {
    }

    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The answer holds the key itself, shown this once: store it now. Stepwise keeps only its"
                    + " SHA-256.",
            responses = @ApiResponse(responseCode = "201", description = "Created; Location points at it."))
    @PostMapping
    ResponseEntity<CreatedApiKeyResponse> create(@Valid @RequestBody CreateApiKeyRequest request) {
        List<String> namespaces = request.namespacesOrDefault();
        for (int i = 0; i < namespaces.size(); i++) {
            if (!Caller.currentMayUse(namespaces.get(i))) { // no key may reach further than its creator
                throw new BadRequestException("You may grant only namespaces you may name yourself; '"
                        + namespaces.get(i) + "' is not one of them.", "/namespaces/" + i);
            }
        }
        ApiKeys.Created created = keys.create(request.name(), Role.named(request.role()).orElseThrow(),
                Caller.currentActor(), namespaces);
        StoredApiKey key = created.key();
        return ResponseEntity.created(URI.create("/v1/api-keys/" + key.id())).body(new CreatedApiKeyResponse(key.id(),
                key.name(), key.role(), key.prefix(), key.createdAt(), key.createdBy(), key.namespaces(),
                created.secret()));
    }

    @Operation(operationId = "listApiKeys", summary = "List API keys",
            responses = @ApiResponse(responseCode = "200", description = "Every key, revoked ones included, without"
                    + " the keys themselves."))
    @GetMapping
    ApiKeyList list() {
        return new ApiKeyList(keys.list().stream().filter(ApiKeyController::visible).map(ApiKeyResponse::of).toList());
    }

    /**
     * A key reaching a namespace the caller may not name is not shown to it, as if it did not exist: a
     * team's admin must not learn another team's keys, nor that the team exists (docs/namespaces.md).
     */
    private static boolean visible(StoredApiKey key) {
        return Caller.currentMayUseAll(key.namespaces());
    }

    private StoredApiKey visibleKey(UUID id) {
        return keys.find(id).filter(ApiKeyController::visible)
                .orElseThrow(() -> new NotFoundException("API key", id.toString()));
    }

    @Operation(operationId = "getApiKey", summary = "Get an API key",
            responses = @ApiResponse(responseCode = "200", description = "The key's description, not the key."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{id}")
    ApiKeyResponse get(@PathVariable UUID id) {
        return ApiKeyResponse.of(visibleKey(id));
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Refused at once by this replica, and by the others within"
                    + " stepwise.security.api-key-cache-ttl (10 s). The key stays listed, with revokedAt.",
            responses = @ApiResponse(responseCode = "204", description = "Revoked (again, if it was)."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(visibleKey(id).id()).orElseThrow(() -> new NotFoundException("API key", id.toString()));
        return ResponseEntity.noContent().build();
    }
}
