package io.stepwise.security;

import io.stepwise.support.SecuredIntegrationTest;

/** A Stepwise with authentication on, for the security tests: {@link #keyOf(Role)} makes a stored key of any role. */
abstract class SecuredTest extends SecuredIntegrationTest {

    /** A new stored key of that role, created by the bootstrap admin. */
    protected String keyOf(Role role) {
        return keyOf(role.id());
    }
}
