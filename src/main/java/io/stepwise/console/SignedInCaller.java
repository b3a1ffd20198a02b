package io.stepwise.console;

import io.stepwise.security.Caller;
import io.stepwise.security.Role;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every console page shows who is signed in, with which roles, beside a sign-out button. */
@ControllerAdvice(basePackageClasses = SignedInCaller.class)
class SignedInCaller {

    /** {@code key:3f9c2a7b1e04 (operator, reader)}; null while authentication is off. */
    @ModelAttribute("signedIn")
    String signedIn() {
        return Caller.current().map(caller -> caller.actor() + " (" + caller.roles().stream().map(Role::id).sorted()
                .collect(Collectors.joining(", ")) + ")").orElse(null);
    }
}
