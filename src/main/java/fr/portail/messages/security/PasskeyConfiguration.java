package fr.portail.messages.security;

import fr.portail.messages.platform.MessagesProperties;
import java.net.URI;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Passkeys (WebAuthn): Spring Security's JDBC repositories, shared by every instance, and the relying party — this
 * application as {@code messages.public-url} names it. A passkey belongs to that host name: changing the public URL's
 * host makes the passkeys registered before unusable (the e-mail code still works).
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingParty(
            PublicKeyCredentialUserEntityRepository users,
            UserCredentialRepository credentials,
            MessagesProperties properties) {
        URI publicUrl = URI.create(properties.publicBaseUrl());
        String origin = publicUrl.getScheme() + "://" + publicUrl.getAuthority();
        var rp = PublicKeyCredentialRpEntity.builder()
                .id(publicUrl.getHost())
                .name(publicUrl.getHost())
                .build();
        return new Webauthn4JRelyingPartyOperations(users, credentials, rp, Set.of(origin));
    }
}
