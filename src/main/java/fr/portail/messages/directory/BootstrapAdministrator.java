package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.MessagesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Creates the administrator named by {@code messages.bootstrap-admin.*} when the directory has none. */
@Component
@Order(0)
class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final MessagesProperties properties;
    private final PersonRepository people;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;

    BootstrapAdministrator(
            MessagesProperties properties, PersonRepository people, PasswordEncoder passwordEncoder, AuditLog audit) {
        this.properties = properties;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        var settings = properties.bootstrapAdmin();
        if (!StringUtils.hasText(settings.email()) || people.existsByAdminTrueAndActiveTrue()) {
            return;
        }
        if (!Emails.isValid(settings.email())) {
            throw new IllegalStateException("messages.bootstrap-admin.email is not a valid e-mail address");
        }
        PasswordPolicy.check(settings.password(), settings.password(), settings.email());
        Person admin = people.findByEmail(settings.email())
                .orElseGet(() ->
                        people.save(new Person(settings.email(), "Administrateur", PersonKind.COLLABORATOR, true)));
        admin.changeAdmin(true);
        admin.activate();
        admin.changePasswordHash(passwordEncoder.encode(settings.password()));
        audit.record(null, "BOOTSTRAP_ADMIN_CREATED", admin.email(), null);
        log.info("Bootstrap administrator {} is ready", admin.email());
    }
}
