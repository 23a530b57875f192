package fr.portail.messages.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the form's POST. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(HttpServletRequest request) {
        // A session that has given the password goes on (to the second step if the rule asks one).
        return CurrentViewer.of(request).isPresent()
                        && SignInCodeRequests.afterPassword().isPresent()
                ? "redirect:/"
                : "login";
    }
}
