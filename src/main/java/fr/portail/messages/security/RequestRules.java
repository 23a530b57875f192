package fr.portail.messages.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may make a request, for the two filter chains: the acting person as the directory says now (not as at sign-in),
 * the steps of signing in that {@link SecondStep} asks of them, and a personal access token's scope.
 */
final class RequestRules {

    private RequestRules() {}

    /** Signed in and still active (the viewer filter has found the person), with every step the rule asks. */
    static AuthorizationManager<RequestAuthorizationContext> signedIn(SecondStep secondStep) {
        return (authentication, context) -> CurrentViewer.of(context.getRequest())
                .map(viewer -> secondStep.authorize(authentication, viewer))
                .orElse(new AuthorizationDecision(false));
    }

    /** The page of the second step: the password is right, the rest is to come. */
    static AuthorizationManager<RequestAuthorizationContext> afterPassword() {
        return (authentication, context) ->
                new AuthorizationDecision(CurrentViewer.of(context.getRequest()).isPresent()
                        && SignInCodeRequests.afterPassword().isPresent());
    }

    /**
     * Signed in; a token of scope {@code read} only for reading calls. A personal access token is never asked for a
     * second factor: it was created in a session that had given every factor the rule asked.
     */
    static AuthorizationManager<RequestAuthorizationContext> signedInWithScope(SecondStep secondStep) {
        AuthorizationManager<RequestAuthorizationContext> signedIn = signedIn(secondStep);
        return (authentication, context) -> {
            HttpServletRequest request = context.getRequest();
            boolean reading = List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
            var scope = AccessTokenFilter.scope(request);
            if (scope.isPresent()) {
                return new AuthorizationDecision(
                        CurrentViewer.of(request).isPresent() && (reading || scope.get() != AccessTokens.Scope.READ));
            }
            return signedIn.authorize(authentication, context);
        };
    }

    /** Administrators; with a token, only one of scope {@code admin}. */
    static AuthorizationManager<RequestAuthorizationContext> administratorsWithScope(SecondStep secondStep) {
        AuthorizationManager<RequestAuthorizationContext> administrators = administrators(secondStep);
        return (authentication, context) -> {
            HttpServletRequest request = context.getRequest();
            var scope = AccessTokenFilter.scope(request);
            if (scope.isPresent()) {
                return new AuthorizationDecision(
                        CurrentViewer.of(request).map(viewer -> viewer.admin()).orElse(false)
                                && scope.get() == AccessTokens.Scope.ADMIN);
            }
            return administrators.authorize(authentication, context);
        };
    }

    /** Administrators as the directory says now, not as it said at sign-in, with every step the rule asks. */
    static AuthorizationManager<RequestAuthorizationContext> administrators(SecondStep secondStep) {
        return (authentication, context) -> CurrentViewer.of(context.getRequest())
                .filter(viewer -> viewer.admin())
                .map(viewer -> secondStep.authorize(authentication, viewer))
                .orElse(new AuthorizationDecision(false));
    }
}
