package fr.portail.messages.security;

import fr.portail.messages.directory.PasswordResets;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mot de passe oublié" from the login page, the page behind the reset link, and the change of password on the
 * profile page. Setting a password ends the person's other sessions.
 */
@Controller
class PasswordController {

    private final PasswordResets resets;
    private final LoginThrottle throttle;
    private final SessionTerminator sessions;
    private final MessageSource messages;

    PasswordController(
            PasswordResets resets, LoginThrottle throttle, SessionTerminator sessions, MessageSource messages) {
        this.resets = resets;
        this.throttle = throttle;
        this.sessions = sessions;
        this.messages = messages;
    }

    /** Form fields of the new-password page. */
    record NewPasswordForm(String password, String passwordConfirmation) {}

    @GetMapping("/mot-de-passe/oublie")
    String forgotten() {
        return "password-forgotten";
    }

    /**
     * Always the same answer, whether the address is an account or not and whether the request was throttled, so
     * that the page reveals nothing about who has an account.
     */
    @PostMapping("/mot-de-passe/oublie")
    String requestReset(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
        if (throttle.reserveReset(email, request.getRemoteAddr())) {
            resets.request(email);
        }
        return "redirect:/mot-de-passe/oublie?envoye";
    }

    @GetMapping("/mot-de-passe/nouveau/{token}")
    String showReset(@PathVariable String token, Model model) {
        model.addAttribute("email", resets.emailFor(token).orElseThrow(NotFoundException::new));
        model.addAttribute("form", new NewPasswordForm("", ""));
        return "password-reset";
    }

    @PostMapping("/mot-de-passe/nouveau/{token}")
    String reset(
            @PathVariable String token,
            @ModelAttribute("form") NewPasswordForm form,
            BindingResult errors,
            Model model) {
        String email;
        try {
            email = resets.complete(token, form.password(), form.passwordConfirmation());
        } catch (InvalidInputException invalid) {
            reject(invalid, errors);
            model.addAttribute("email", resets.emailFor(token).orElseThrow(NotFoundException::new));
            return "password-reset";
        }
        sessions.endSessionsOf(email, null);
        return "redirect:/login?reset";
    }

    /** The change-password form of the profile page; errors go back to that page, next to their fields. */
    @PostMapping("/profil/mot-de-passe")
    String change(
            Viewer viewer,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String passwordConfirmation,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            resets.change(viewer, currentPassword, password, passwordConfirmation);
        } catch (InvalidInputException invalid) {
            var messagesByField = new java.util.LinkedHashMap<String, String>();
            invalid.problems()
                    .forEach(problem -> messagesByField.putIfAbsent(
                            problem.field(),
                            messages.getMessage(
                                    problem.messageKey(),
                                    problem.arguments().toArray(),
                                    LocaleContextHolder.getLocale())));
            redirect.addFlashAttribute("passwordErrors", messagesByField);
            return "redirect:/profil#password";
        }
        sessions.endSessionsOf(viewer.email(), request.getSession().getId());
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/profil#password";
    }

    private static void reject(InvalidInputException invalid, BindingResult errors) {
        invalid.problems()
                .forEach(problem -> errors.rejectValue(
                        problem.field(),
                        problem.messageKey(),
                        problem.arguments().toArray(),
                        null));
    }
}
