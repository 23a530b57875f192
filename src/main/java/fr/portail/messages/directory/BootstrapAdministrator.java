package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.MessagesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Creates the administrator named by {@code messages.bootstrap-admin.*} when the directory has none. It runs while the
 * application starts, before the web server accepts requests (a lifecycle phase below the server's), and before the
 * demo firm, which is only loaded into an empty directory.
 */
@Component
class BootstrapAdministrator implements SmartLifecycle {

    /** Before the demo firm ({@code demo/DemoData}), long before the web server. */
    static final int PHASE = -200;

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final MessagesProperties properties;
    private final PersonRepository people;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private volatile boolean running;

    BootstrapAdministrator(
            MessagesProperties properties,
            PersonRepository people,
            PasswordEncoder passwordEncoder,
            AuditLog audit,
            PlatformTransactionManager transactions) {
        this.properties = properties;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void start() {
        transaction.executeWithoutResult(status -> run());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    void run() {
        var settings = properties.bootstrapAdmin();
        if (!StringUtils.hasText(settings.email()) || people.existsActiveAdministrator()) {
            return;
        }
        if (!Emails.isValid(settings.email())) {
            throw new IllegalStateException("messages.bootstrap-admin.email is not a valid e-mail address");
        }
        PasswordPolicy.check(settings.password(), settings.password(), settings.email());
        Person admin = people.findByEmail(settings.email())
                .orElseGet(() -> new Person(settings.email(), "Administrateur", PersonKind.COLLABORATOR, true));
        admin.changeAdmin(true);
        admin.activate();
        admin.changePasswordHash(passwordEncoder.encode(settings.password()));
        people.save(admin);
        audit.record(null, "BOOTSTRAP_ADMIN_CREATED", admin.email(), null);
        log.info("Bootstrap administrator {} is ready", admin.email());
    }
}
