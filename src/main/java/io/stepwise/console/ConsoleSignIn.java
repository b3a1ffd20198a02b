package io.stepwise.console;

import io.stepwise.security.ConsoleSessions;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in to the console while authentication is on (docs/security.md, "Console sign-in"): a form
 * for an API key or a bearer JWT, checked by {@link ConsoleSessions} exactly as the API checks it. With
 * authentication off there is nothing to sign in to, and these pages send the browser to the console.
 */
@Hidden
@Controller
class ConsoleSignIn {

    private final ConsoleSessions sessions;

    ConsoleSignIn(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping(ConsoleSessions.SIGN_IN)
    String page(@RequestParam(required = false) String next, @RequestParam(name = "signed-out", required = false)
            String signedOut, Model model) {
        if (!sessions.enabled()) {
            return "redirect:/console";
        }
        model.addAttribute("next", ConsoleSessions.safeNext(next));
        model.addAttribute("signedOut", signedOut != null);
        return "console/sign-in";
    }

    /** The key is read from the form and never put in the model, the log or the answer. */
    @PostMapping(ConsoleSessions.SIGN_IN)
    String signIn(@RequestParam(defaultValue = "") String token, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!sessions.enabled()) {
            return "redirect:/console";
        }
        if (sessions.signIn(token, request, response) instanceof ConsoleSessions.SignIn.Refused refused) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("next", ConsoleSessions.safeNext(next));
            model.addAttribute("signedOut", false);
            model.addAttribute("error", refused.reason());
            return "console/sign-in";
        }
        return "redirect:" + ConsoleSessions.safeNext(next);
    }

    @PostMapping(ConsoleSessions.SIGN_OUT)
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(request, response);
        return sessions.enabled() ? "redirect:" + ConsoleSessions.SIGN_IN + "?signed-out" : "redirect:/console";
    }
}
