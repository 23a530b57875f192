package fr.portail.messages.security;

import fr.portail.messages.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Records sign-ins in the audit log and gives a successful sign-in's throttle reservation back. */
@Component
class SignInEvents {

    private final LoginThrottle throttle;
    private final AuditLog audit;

    SignInEvents(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        if (!(attempt.getDetails() instanceof WebAuthenticationDetails details)) {
            return;
        }
        audit.record(null, "SIGN_IN_FAILED", attempt.getName(), "from " + details.getRemoteAddress());
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        if (authentication.getPrincipal() instanceof SignedInPerson person
                && authentication.getDetails() instanceof WebAuthenticationDetails details) {
            throttle.recordSuccess(person.getUsername(), details.getRemoteAddress());
            audit.record(person.personId(), "SIGNED_IN", person.getUsername(), "from " + details.getRemoteAddress());
        }
    }
}
