package fr.portail.messages.security;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.firm.SecondFactorSetting;
import java.util.function.Supplier;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a session has signed in far enough: always the password, and, when the firm's
 * rule applies to the person, a second factor too (an e-mail code or a passkey), as Spring Security's factor
 * authorities record them. A decision that misses a factor names it, so that Spring Security sends the person to the
 * page of that step rather than answering 403.
 */
@Component
public class SecondStep {

    private final AuthorizationManager<Object> passwordOnly = AllRequiredFactorsAuthorizationManager.builder()
            .requireFactor(factor -> factor.passwordAuthority())
            .build();

    private final AuthorizationManager<Object> passwordAndSecondFactor = AllRequiredFactorsAuthorizationManager.anyOf(
            AllRequiredFactorsAuthorizationManager.builder()
                    .requireFactor(factor -> factor.passwordAuthority())
                    .requireFactor(factor -> factor.ottAuthority())
                    .build(),
            AllRequiredFactorsAuthorizationManager.builder()
                    .requireFactor(factor -> factor.passwordAuthority())
                    .requireFactor(factor -> factor.webauthnAuthority())
                    .build());

    private final SecondFactorSetting setting;

    SecondStep(SecondFactorSetting setting) {
        this.setting = setting;
    }

    /** Whether the firm's rule asks this person for a second factor. */
    public boolean required(Viewer viewer) {
        return setting.current().appliesTo(viewer.isCollaborator(), viewer.admin());
    }

    /** Whether this session has given every factor the rule asks of {@code viewer}. */
    AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Viewer viewer) {
        return (required(viewer) ? passwordAndSecondFactor : passwordOnly).authorize(authentication, viewer);
    }

    /** Whether the session of the current request is complete for {@code viewer}. */
    boolean complete(Authentication authentication, Viewer viewer) {
        AuthorizationResult result = authorize(() -> authentication, viewer);
        return result != null && result.isGranted();
    }
}
