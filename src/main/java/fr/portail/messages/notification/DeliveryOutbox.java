package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.ConversationType;
import jakarta.mail.MessagingException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The e-mails about new messages ({@code email_delivery}, one row per message and recipient). An immediate row goes
 * out alone; a grouped row waits for the grouping delay and then leaves in one e-mail with every other pending grouped
 * row of the same recipient and conversation. At sending time the recipient's state of now decides: deactivated, mode
 * changed to none or daily, conversation muted or no longer accessible, and messages already read in the app are left
 * out; when nothing is left, no e-mail.
 */
@Component
class DeliveryOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final NewMessageMailComposer composer;
    private final NotificationSettings settings;
    private final NotificationProperties properties;

    DeliveryOutbox(
            JdbcClient jdbc,
            ConversationAccess access,
            NewMessageMailComposer composer,
            NotificationSettings settings,
            NotificationProperties properties) {
        this.jdbc = jdbc;
        this.access = access;
        this.composer = composer;
        this.settings = settings;
        this.properties = properties;
    }

    @Override
    public Claim claim(OffsetDateTime now) {
        Optional<Lead> lead = lead("status = 'SENDING' and claimed_until < :now order by claimed_until", now)
                .or(() -> lead("status = 'PENDING' and next_attempt_at <= :now order by next_attempt_at", now));
        if (lead.isEmpty()) {
            return Claim.NOTHING_DUE;
        }
        Lead first = lead.get();
        UUID emailId = first.emailId() != null ? first.emailId() : first.id();
        List<UUID> group = group(first, emailId);
        Recipient recipient = recipient(first.recipientId(), first.conversationId());
        String skip = skipReason(recipient, first);
        List<Row> rows = rows(group);
        List<Row> unread =
                rows.stream().filter(row -> row.seq() > recipient.readCount()).toList();
        if (skip == null && unread.isEmpty()) {
            skip = "already read";
        }
        if (skip != null) {
            skip(group, skip);
            return Claim.SKIPPED;
        }
        List<UUID> read = rows.stream()
                .filter(row -> row.seq() <= recipient.readCount())
                .map(Row::id)
                .toList();
        if (!read.isEmpty()) {
            skip(read, "already read");
        }
        List<UUID> sending = unread.stream().map(Row::id).toList();
        jdbc.sql("""
                        update email_delivery set status = 'SENDING', email_id = :email, claimed_until = :lease,
                               attempts = attempts + 1
                         where id in (:ids)
                        """)
                .param("email", emailId)
                .param("lease", now.plus(properties.sendLease()))
                .param("ids", sending)
                .update();
        boolean hidden = recipient.type().isConfidential() && settings.hideConfidentialSubjects();
        var mail = new NewMessageMail(
                emailId,
                first.recipientId(),
                recipient.email(),
                recipient.name(),
                recipient.locale(),
                recipient.zone(),
                recipient.type(),
                recipient.companyName(),
                recipient.subject(),
                hidden,
                first.conversationId(),
                unread.stream()
                        .map(row -> new NewMessageMail.Entry(
                                row.authorName(), row.createdAt().toInstant(), row.plainText(), recipient.type()))
                        .toList());
        try {
            return new Claim(this, emailId, composer.compose(mail), first.attempts() + 1);
        } catch (MessagingException | RuntimeException e) {
            // A bug rather than an outage: give up on this e-mail instead of failing every round.
            jdbc.sql("update email_delivery set status = 'FAILED', failed_at = :now, last_error = :error"
                            + " where id in (:ids)")
                    .param("now", now)
                    .param("error", EmailDelivery.describe(e))
                    .param("ids", sending)
                    .update();
            return Claim.SKIPPED;
        }
    }

    @Override
    public void sent(Claim claim, OffsetDateTime now) {
        jdbc.sql("""
                        update email_delivery set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null
                         where email_id = ? and status = 'SENDING'
                        """).params(now, claim.emailId()).update();
    }

    @Override
    public void failed(Claim claim, String error, OffsetDateTime now, OffsetDateTime retryAt) {
        jdbc.sql("""
                        update email_delivery
                           set status = case when created_at < :limit then 'FAILED' else 'PENDING' end,
                               failed_at = case when created_at < :limit then :now end,
                               next_attempt_at = :retry, claimed_until = null, last_error = :error
                         where email_id = :email and status = 'SENDING'
                        """)
                .param("limit", now.minus(properties.giveUpAfter()))
                .param("now", now)
                .param("retry", retryAt)
                .param("error", error)
                .param("email", claim.emailId())
                .update();
    }

    private Optional<Lead> lead(String condition, OffsetDateTime now) {
        return jdbc.sql("select id, email_id, recipient_id, conversation_id, mode, status, attempts from email_delivery"
                        + " where " + condition + " limit 1 for update skip locked")
                .param("now", now)
                .query((rs, row) -> new Lead(
                        rs.getObject("id", UUID.class),
                        rs.getObject("email_id", UUID.class),
                        rs.getObject("recipient_id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("mode"),
                        rs.getString("status"),
                        rs.getInt("attempts")))
                .optional();
    }

    /** The rows that leave in the lead's e-mail, locked. */
    private List<UUID> group(Lead lead, UUID emailId) {
        if ("SENDING".equals(lead.status())) {
            return jdbc.sql("select id from email_delivery where email_id = ? and status = 'SENDING'"
                            + " for update skip locked")
                    .param(emailId)
                    .query(UUID.class)
                    .list();
        }
        if ("GROUPED".equals(lead.mode())) {
            return jdbc.sql("""
                            select id from email_delivery
                             where recipient_id = ? and conversation_id = ? and status = 'PENDING' and mode = 'GROUPED'
                               for update skip locked
                            """)
                    .params(lead.recipientId(), lead.conversationId())
                    .query(UUID.class)
                    .list();
        }
        return List.of(lead.id());
    }

    private Recipient recipient(UUID recipientId, UUID conversationId) {
        return jdbc.sql("""
                        select r.email, r.name, r.language, r.active,
                               coalesce(p.email_mode, 'GROUPED') as email_mode,
                               coalesce(p.time_zone, 'Europe/Paris') as time_zone,
                               exists (select 1 from conversation_mute cm
                                        where cm.person_id = r.id and cm.conversation_id = c.id) as muted,
                               coalesce(rs.read_count, 0) as read_count,
                               c.type, c.subject, co.name as company_name
                          from person r
                          left join email_preference p on p.person_id = r.id
                          join conversation c on c.id = :conversation
                          left join company co on co.id = c.company_id
                          left join read_state rs on rs.person_id = r.id and rs.conversation_id = c.id
                         where r.id = :recipient
                        """)
                .param("conversation", conversationId)
                .param("recipient", recipientId)
                .query((rs, row) -> new Recipient(
                        rs.getString("email"),
                        rs.getString("name"),
                        Locale.forLanguageTag(rs.getString("language")),
                        rs.getBoolean("active"),
                        EmailMode.valueOf(rs.getString("email_mode")),
                        ZoneId.of(rs.getString("time_zone")),
                        rs.getBoolean("muted"),
                        rs.getInt("read_count"),
                        ConversationType.valueOf(rs.getString("type")),
                        rs.getString("subject"),
                        rs.getString("company_name")))
                .single();
    }

    private List<Row> rows(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select d.id, m.seq, a.name as author_name, m.created_at, left(m.plain_text, 2000) as plain_text
                          from email_delivery d
                          join message m on m.id = d.message_id
                          join person a on a.id = m.author_id
                         where d.id in (:ids)
                         order by m.seq
                        """)
                .param("ids", ids)
                .query((rs, row) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getInt("seq"),
                        rs.getString("author_name"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getString("plain_text")))
                .list();
    }

    /** Why the e-mail must not go out any more, or {@code null}: the state of now decides, not that of the post. */
    private String skipReason(Recipient recipient, Lead lead) {
        if (!recipient.active()) {
            return "recipient deactivated";
        }
        if (recipient.mode() == EmailMode.NONE) {
            return "e-mail notifications turned off";
        }
        if (recipient.mode() == EmailMode.DAILY) {
            return "daily e-mail chosen";
        }
        if (recipient.muted()) {
            return "conversation muted";
        }
        if (!access.isAccessible(lead.recipientId(), lead.conversationId())) {
            return "recipient no longer has access";
        }
        return null;
    }

    private void skip(List<UUID> ids, String reason) {
        List<UUID> all = new ArrayList<>(ids);
        jdbc.sql("""
                        update email_delivery set status = 'SKIPPED', last_error = :reason, claimed_until = null
                         where id in (:ids)
                        """).param("reason", reason).param("ids", all).update();
    }

    private record Lead(
            UUID id, UUID emailId, UUID recipientId, UUID conversationId, String mode, String status, int attempts) {}

    private record Recipient(
            String email,
            String name,
            Locale locale,
            boolean active,
            EmailMode mode,
            ZoneId zone,
            boolean muted,
            int readCount,
            ConversationType type,
            String subject,
            String companyName) {}

    private record Row(UUID id, int seq, String authorName, OffsetDateTime createdAt, String plainText) {}
}
