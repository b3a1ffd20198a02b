package io.stepwise.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do (docs/security.md). Each endpoint names the roles it admits in
 * {@link EndpointRoles}; a caller holds a role and everything it implies.
 */
public enum Role {

    /** Reads: every GET, plus the requests that change nothing (validate, test-state). */
    READER,
    /** Runs work: start, stop, redrive executions, answer tasks; reads too. */
    OPERATOR,
    /** An external worker: polls activities and answers their tasks, nothing else. */
    WORKER,
    /** Everything: definitions, activities, keys, the audit trail, the actuator. */
    ADMIN;

    /** The roles a holder of this one has. */
    public Set<Role> implied() {
        return switch (this) {
            case ADMIN -> EnumSet.allOf(Role.class);
            case OPERATOR -> EnumSet.of(OPERATOR, READER);
            case READER -> EnumSet.of(READER);
            case WORKER -> EnumSet.of(WORKER);
        };
    }

    /** Spring Security's name for it. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name in the API, in keys and in JWT claims: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that name, in any case; empty for anything else. */
    public static Optional<Role> named(String name) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
