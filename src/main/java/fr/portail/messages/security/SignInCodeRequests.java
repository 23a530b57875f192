package fr.portail.messages.security;

import fr.portail.messages.directory.AccountMailer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.ott.GenerateOneTimeTokenRequestResolver;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Binds Spring Security's one-time-token login to the person who has just given their password: the code is sent to
 * that person only (whatever the form says), a typed code is checked against that person's code only, and the
 * e-mail goes out in their language.
 */
@Component
class SignInCodeRequests
        implements GenerateOneTimeTokenRequestResolver, AuthenticationConverter, OneTimeTokenGenerationSuccessHandler {

    /** Where the person asks for a code. */
    static final String SEND_PATH = "/connexion/code";

    /** Where the typed code is posted. */
    static final String CHECK_PATH = "/connexion/code/verifier";

    private final AccountMailer mailer;
    private final JdbcClient jdbc;
    private final SignInCodes codes;

    SignInCodeRequests(AccountMailer mailer, JdbcClient jdbc, SignInCodes codes) {
        this.mailer = mailer;
        this.jdbc = jdbc;
        this.codes = codes;
    }

    /** The person of this session if they have given the right password, whatever else they have done. */
    static Optional<SignedInPerson> afterPassword() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof SignedInPerson person
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(a.getAuthority()))) {
            return Optional.of(person);
        }
        return Optional.empty();
    }

    /**
     * No new code while the person's tries are used up and their code still runs (new codes would give new guesses),
     * nor within {@link SignInCodes#RESEND_AFTER} of the previous one. The request then reaches
     * {@link SecondStepController}, which says so.
     */
    @Override
    public GenerateOneTimeTokenRequest resolve(HttpServletRequest request) {
        return afterPassword()
                .filter(person -> codes.status(person.personId()).newCodeAllowed())
                .map(person -> new GenerateOneTimeTokenRequest(person.getUsername(), SignInCodes.VALIDITY))
                .orElse(null);
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        String code = request.getParameter("code");
        return afterPassword()
                .map(person -> new OneTimeTokenAuthenticationToken(
                        person.personId() + ":" + (code == null ? "" : code.strip())))
                .orElse(null);
    }

    /** Sends the code by e-mail, then shows the page where it is typed. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, OneTimeToken code) throws IOException {
        jdbc.sql("select email, name, language from person where lower(email) = lower(?)")
                .param(code.getUsername())
                .query((rs, n) -> new Recipient(rs.getString("email"), rs.getString("name"), rs.getString("language")))
                .optional()
                .ifPresent(to -> mailer.send(
                        to.email(),
                        to.language(),
                        "secondFactor.mail.subject",
                        "secondFactor.mail.body",
                        new Object[] {to.name(), code.getTokenValue(), SignInCodes.VALIDITY.toMinutes()},
                        code.getTokenValue()));
        response.sendRedirect(request.getContextPath() + SecondStepController.PATH + "?envoye");
    }

    private record Recipient(String email, String name, String language) {}
}
