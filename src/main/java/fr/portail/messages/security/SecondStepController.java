package fr.portail.messages.security;

import fr.portail.messages.directory.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The second step of signing in, after the password: a passkey when the person has one, an e-mail code always.
 * Spring Security handles the forms' POSTs (sending a code, checking it, checking a passkey) and sends here a person
 * whose session misses the second factor.
 */
@Controller
class SecondStepController {

    static final String PATH = "/connexion/verification";

    private final SecondStep secondStep;
    private final SignInCodes codes;
    private final Passkeys passkeys;
    private final MessageSource messages;

    SecondStepController(SecondStep secondStep, SignInCodes codes, Passkeys passkeys, MessageSource messages) {
        this.secondStep = secondStep;
        this.codes = codes;
        this.passkeys = passkeys;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String show(HttpServletRequest request, Model model) {
        Viewer viewer = CurrentViewer.of(request).orElse(null);
        if (viewer == null || SignInCodeRequests.afterPassword().isEmpty()) {
            return "redirect:/login";
        }
        if (secondStep.complete(SecurityContextHolder.getContext().getAuthentication(), viewer)) {
            return "redirect:/";
        }
        SignInCodes.Status status = codes.status(viewer.id());
        model.addAttribute("email", viewer.email());
        model.addAttribute("hasPasskey", !passkeys.list(viewer).isEmpty());
        model.addAttribute("codeSent", status.state() == SignInCodes.State.PENDING);
        model.addAttribute("triesLeft", status.triesLeft());
        model.addAttribute("validityMinutes", SignInCodes.VALIDITY.toMinutes());
        model.addAttribute("resendSeconds", SignInCodes.RESEND_AFTER.toSeconds());
        if (request.getParameter("erreur") != null || status.state() == SignInCodes.State.NO_TRIES_LEFT) {
            model.addAttribute("fieldErrors", Map.of("code", List.of(codeError(status))));
        }
        // The page belongs to no one yet: no header, no menu, no event stream until the second step is done.
        model.addAttribute("viewer", null);
        model.addAttribute("header", null);
        return "second-step";
    }

    /** Reached only when no code was sent (see {@link SignInCodeRequests#resolve}): the page says why. */
    @PostMapping(SignInCodeRequests.SEND_PATH)
    String noNewCode(HttpServletRequest request) {
        Viewer viewer = CurrentViewer.of(request).orElseThrow();
        return "redirect:" + PATH + (codes.status(viewer.id()).justSent() ? "?attendre" : "?erreur");
    }

    private String codeError(SignInCodes.Status status) {
        var locale = LocaleContextHolder.getLocale();
        return switch (status.state()) {
            case PENDING -> messages.getMessage("secondFactor.code.wrong", new Object[] {status.triesLeft()}, locale);
            case NO_TRIES_LEFT -> messages.getMessage("secondFactor.code.noTriesLeft", null, locale);
            case EXPIRED -> messages.getMessage("secondFactor.code.expired", null, locale);
            case NONE -> messages.getMessage("secondFactor.code.none", null, locale);
        };
    }
}
