package fr.portail.messages.security;

import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.InvitationService.InvitedPerson;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The page behind an invitation link: choose a password, then arrive signed in. */
@Controller
class InvitationController {

    private final InvitationService invitations;
    private final UserDetailsService credentials;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final ChangeSessionIdAuthenticationStrategy sessionFixation = new ChangeSessionIdAuthenticationStrategy();

    InvitationController(InvitationService invitations, UserDetailsService credentials) {
        this.invitations = invitations;
        this.credentials = credentials;
    }

    /** Form fields of the invitation page. */
    record PasswordForm(String password, String passwordConfirmation) {}

    @GetMapping("/invitations/{token}")
    String show(@PathVariable String token, Model model) {
        InvitedPerson person = invitations.find(token).orElseThrow(NotFoundException::new);
        model.addAttribute("person", person);
        model.addAttribute("form", new PasswordForm("", ""));
        return "invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(
            @PathVariable String token,
            @ModelAttribute("form") PasswordForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        InvitedPerson person;
        if (errors.hasErrors()) {
            // A field that could not be bound (refused text): shown next to it, nothing is checked or stored.
            model.addAttribute("person", invitations.find(token).orElseThrow(NotFoundException::new));
            return "invitation";
        }
        try {
            person = invitations.accept(token, form.password(), form.passwordConfirmation());
        } catch (InvalidInputException invalid) {
            invalid.problems()
                    .forEach(problem -> errors.rejectValue(
                            problem.field(),
                            problem.messageKey(),
                            problem.arguments().toArray(),
                            null));
            model.addAttribute("person", invitations.find(token).orElseThrow(NotFoundException::new));
            // Keep the bound form: replacing it would drop its BindingResult, and with it every error message.
            return "invitation";
        }
        var principal = credentials.loadUserByUsername(person.email());
        ((org.springframework.security.core.CredentialsContainer) principal).eraseCredentials();
        // The password just chosen is the first factor; the second step follows if the firm's rule asks for it.
        List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        sessionFixation.onAuthentication(authentication, request, response);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/";
    }
}
