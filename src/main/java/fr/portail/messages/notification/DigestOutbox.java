package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.ConversationType;
import jakarta.mail.MessagingException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The daily e-mails ({@code email_digest}, one row per person and local day). A row is created once the chosen hour
 * has come in the person's time zone (PostgreSQL's time-zone rules, so daylight-saving changes move the hour with the
 * clocks), unless the person chose the daily e-mail after that hour that day: the first one then comes the next day.
 * At sending time it lists the conversations with unread notified messages that the person may still access and did
 * not mute; with none, no e-mail.
 */
@Component
class DigestOutbox implements Outbox {

    static final int MAX_CONVERSATIONS = 50;

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final NewMessageMailComposer composer;
    private final NotificationSettings settings;
    private final NotificationProperties properties;

    DigestOutbox(
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

    /** Creates the rows of the digests whose hour has come; each instance may run it, the unique key keeps one. */
    int schedule(OffsetDateTime now) {
        return jdbc.sql("""
                        insert into email_digest (id, person_id, local_date, created_at, next_attempt_at)
                        select gen_random_uuid(), due.person_id, due.local_date, :now, :now
                          from (select p.person_id, (:now at time zone p.time_zone)::date as local_date,
                                       (((:now at time zone p.time_zone)::date + make_time(p.daily_hour, 0, 0))
                                          at time zone p.time_zone) as due_at,
                                       p.updated_at
                                  from email_preference p join person pe on pe.id = p.person_id and pe.active
                                 where p.email_mode = 'DAILY') due
                         where due.due_at <= :now and due.due_at > due.updated_at
                        on conflict (person_id, local_date) do nothing
                        """).param("now", now).update();
    }

    @Override
    public Claim claim(OffsetDateTime now) {
        Optional<Lead> lead = jdbc.sql("""
                        select d.id, d.person_id, d.attempts, r.email, r.name, r.language, r.active,
                               coalesce(p.email_mode, 'GROUPED') as email_mode
                          from email_digest d
                          join person r on r.id = d.person_id
                          left join email_preference p on p.person_id = d.person_id
                         where (d.status = 'PENDING' and d.next_attempt_at <= :now)
                            or (d.status = 'SENDING' and d.claimed_until < :now)
                         order by d.next_attempt_at
                         limit 1
                           for update of d skip locked
                        """)
                .param("now", now)
                .query((rs, row) -> new Lead(
                        rs.getObject("id", UUID.class),
                        rs.getObject("person_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getString("email"),
                        rs.getString("name"),
                        Locale.forLanguageTag(rs.getString("language")),
                        rs.getBoolean("active") && "DAILY".equals(rs.getString("email_mode"))))
                .optional();
        if (lead.isEmpty()) {
            return Claim.NOTHING_DUE;
        }
        Lead digest = lead.get();
        List<DigestMail.Line> lines = digest.wanted() ? unread(digest.personId()) : List.of();
        if (lines.isEmpty()) {
            jdbc.sql("update email_digest set status = 'SKIPPED', last_error = ?, claimed_until = null where id = ?")
                    .params(digest.wanted() ? "nothing unread" : "daily e-mail no longer wanted", digest.id())
                    .update();
            return Claim.SKIPPED;
        }
        jdbc.sql("""
                        update email_digest set status = 'SENDING', claimed_until = ?, attempts = attempts + 1
                         where id = ?
                        """).params(now.plus(properties.sendLease()), digest.id()).update();
        try {
            return new Claim(
                    this,
                    digest.id(),
                    composer.compose(new DigestMail(
                            digest.id(), digest.personId(), digest.email(), digest.name(), digest.locale(), lines)),
                    digest.attempts() + 1);
        } catch (MessagingException | RuntimeException e) {
            // A bug rather than an outage: give up on this e-mail instead of failing every round.
            jdbc.sql("update email_digest set status = 'FAILED', last_error = ? where id = ?")
                    .params(EmailDelivery.describe(e), digest.id())
                    .update();
            return Claim.SKIPPED;
        }
    }

    /** The conversations with unread notified messages, newest activity first, accessible and not muted. */
    private List<DigestMail.Line> unread(UUID personId) {
        boolean hide = settings.hideConfidentialSubjects();
        return jdbc
                .sql("""
                        select n.conversation_id, c.type, c.subject, co.name as company_name, count(*) as unread
                          from notification n
                          join message m on m.id = n.message_id
                          join conversation c on c.id = n.conversation_id
                          left join company co on co.id = c.company_id
                          left join read_state rs on rs.person_id = n.recipient_id and rs.conversation_id = c.id
                         where n.recipient_id = :person and n.read_at is null and m.seq > coalesce(rs.read_count, 0)
                           and not exists (select 1 from conversation_mute cm
                                            where cm.person_id = :person and cm.conversation_id = c.id)
                         group by n.conversation_id, c.type, c.subject, co.name, c.last_message_at
                         order by c.last_message_at desc
                         limit :limit
                        """)
                .param("person", personId)
                .param("limit", MAX_CONVERSATIONS)
                .query((rs, row) -> {
                    ConversationType type = ConversationType.valueOf(rs.getString("type"));
                    return new DigestMail.Line(
                            rs.getObject("conversation_id", UUID.class),
                            type,
                            rs.getString("company_name"),
                            hide && type.isConfidential() ? null : rs.getString("subject"),
                            rs.getInt("unread"));
                })
                .list()
                .stream()
                .filter(line -> access.isAccessible(personId, line.conversationId()))
                .toList();
    }

    @Override
    public void sent(Claim claim, OffsetDateTime now) {
        jdbc.sql("""
                        update email_digest set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null
                         where id = ? and status = 'SENDING'
                        """).params(now, claim.emailId()).update();
    }

    @Override
    public void failed(Claim claim, String error, OffsetDateTime now, OffsetDateTime retryAt) {
        jdbc.sql("""
                        update email_digest
                           set status = case when created_at < :limit then 'FAILED' else 'PENDING' end,
                               next_attempt_at = :retry, claimed_until = null, last_error = :error
                         where id = :id and status = 'SENDING'
                        """)
                .param("limit", now.minus(properties.giveUpAfter()))
                .param("retry", retryAt)
                .param("error", error)
                .param("id", claim.emailId())
                .update();
    }

    private record Lead(
            UUID id, UUID personId, int attempts, String email, String name, Locale locale, boolean wanted) {}
}
