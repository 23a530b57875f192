package fr.portail.messages.security;

import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Loads what sign-in needs of a person. A deactivated person, or one who has not chosen a password yet, gets a hash
 * that no password matches: sign-in then fails exactly as for a wrong password, in the same time.
 */
@Component
class PersonCredentials implements UserDetailsService {

    private final JdbcClient jdbc;
    private final String unusableHash;

    PersonCredentials(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.unusableHash = passwordEncoder.encode(UUID.randomUUID() + "-" + UUID.randomUUID());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select id, email, password_hash, active, admin from person where lower(email) = ?")
                .param(username == null ? "" : username.strip().toLowerCase(Locale.ROOT))
                .query((rs, row) -> new SignedInPerson(
                        rs.getObject("id", UUID.class),
                        rs.getString("email"),
                        rs.getBoolean("active") && rs.getString("password_hash") != null
                                ? rs.getString("password_hash")
                                : unusableHash,
                        rs.getBoolean("admin")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
    }
}
