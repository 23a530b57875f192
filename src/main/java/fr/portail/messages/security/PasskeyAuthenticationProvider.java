package fr.portail.messages.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Spring Security's passkey check, answering the same principal as the password ({@link SignedInPerson}) so that the
 * rest of the application (the acting person of each request) sees one kind of session. The factor authority that
 * Spring Security adds ({@code FACTOR_WEBAUTHN}) is kept.
 */
class PasskeyAuthenticationProvider implements AuthenticationProvider {

    private final WebAuthnAuthenticationProvider webAuthn;
    private final UserDetailsService people;

    PasskeyAuthenticationProvider(WebAuthnRelyingPartyOperations relyingParty, UserDetailsService people) {
        this.webAuthn = new WebAuthnAuthenticationProvider(relyingParty, people);
        this.people = people;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication checked = webAuthn.authenticate(authentication);
        UserDetails person = people.loadUserByUsername(checked.getName());
        ((CredentialsContainer) person).eraseCredentials();
        return UsernamePasswordAuthenticationToken.authenticated(person, null, checked.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
