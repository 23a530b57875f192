package fr.portail.messages.notification;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The firm's settings of the notification e-mails, changed by administrators and audited. */
@Service
public class NotificationSettings {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    NotificationSettings(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether e-mails leave out the subject of Confidentiel and Privé conversations (on for a new firm). */
    public boolean hideConfidentialSubjects() {
        return jdbc.sql("select hide_confidential_subjects from notification_setting")
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /** Changes it; administrators only; recorded in the audit log when it changes. */
    @Transactional
    public void changeHideConfidentialSubjects(Viewer administrator, boolean hide) {
        if (!administrator.admin()) {
            throw new NotFoundException();
        }
        int changed = jdbc.sql("""
                        update notification_setting set hide_confidential_subjects = ?, updated_at = ?
                         where hide_confidential_subjects <> ?
                        """)
                .params(hide, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), hide)
                .update();
        if (changed > 0) {
            audit.record(
                    administrator.id(),
                    "EMAIL_CONFIDENTIAL_SUBJECTS_" + (hide ? "HIDDEN" : "SHOWN"),
                    "notification-settings",
                    "hide_confidential_subjects=" + hide);
        }
    }
}
