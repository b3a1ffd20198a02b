package io.stepwise.api;

import io.stepwise.security.Caller;
import io.stepwise.store.AuditEvent;
import io.stepwise.store.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of mutating calls, for admins (docs/security.md). */
@RestController
@RequestMapping("/v1/audit")
@Tag(name = "Security")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param actor key:&lt;prefix&gt;, jwt:&lt;subject&gt; or bootstrap; anonymous for refused calls without credentials
     * @param path the endpoint's path template, or the raw path when no endpoint matched
     * @param namespace the namespace the call named (default without the header); null when it named none
     */
    record AuditEntry(Instant at, String actor, String method, String path, int status, String remoteAddress,
            String namespace) {
        static AuditEntry of(AuditEvent e) {
            return new AuditEntry(e.at(), e.actor(), e.method(), e.path(), e.status(), e.remoteAddress(),
                    e.namespace());
        }
    }

    @Schema(example = ApiExamples.AUDIT_PAGE)
    record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    @Operation(operationId = "listAudit", summary = "List the audit trail, newest first",
            description = "Every POST, PUT, PATCH and DELETE, refused ones included, while authentication is on:"
                    + " who, when, the method, the path template, the status and the remote address; never a"
                    + " payload. A caller bound to some namespaces sees the calls made in them only. `since` is inclusive, `until` exclusive (ISO-8601 with an offset). Pass `nextCursor`"
                    + " back as `cursor` with the same filters.",
            responses = @ApiResponse(responseCode = "200", description = "A page of audit entries."))
    @GetMapping
    AuditPage list(
            @RequestParam(required = false) @Size(min = 1, max = 200) String actor,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        List<AuditEvent> events = audit.page(Caller.currentNamespacesOrAll(), actor, ExecutionFilters.instant("since", since),
                ExecutionFilters.instant("until", until), Cursors.auditAfter(cursor), limit + 1);
        boolean more = events.size() > limit;
        List<AuditEvent> page = more ? events.subList(0, limit) : events;
        return new AuditPage(page.stream().map(AuditEntry::of).toList(),
                more ? Cursors.audit(new AuditLog.Position(page.getLast().at(), page.getLast().id())) : null);
    }
}
