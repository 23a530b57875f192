package fr.portail.messages.notification;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.LimitExceededException;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SecretTokens;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one e-mail of the reply mailbox into a message, through the conversation module's reply command (its access
 * check, sanitiser, attachment claim and limits), or refuses it. Auto-replies and bounces are dropped silently; every
 * other refusal (unknown or forged address, another sender, lost access, a file over the limit, nothing left to post)
 * gets one short answer that names nothing of the conversation. The e-mail's Message-ID is recorded in the transaction
 * that posts the reply: whatever fails and whoever reads the mailbox, it is posted once.
 */
@Component
class ReplyProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReplyProcessor.class);
    private static final Pattern AUTOMATIC_SUBJECT = Pattern.compile(
            "^(réponse automatique|automatic reply|auto:|autoreply|auto-reply|out of office|absent|absence"
                    + "|message d'absence|abwesenheit|undeliverable|non remis|delivery status notification).*",
            Pattern.CASE_INSENSITIVE);

    private final ConversationCommands conversations;
    private final ConversationAccess access;
    private final AttachmentService attachments;
    private final DirectoryService directory;
    private final MailTokens tokens;
    private final MailAddresses identity;
    private final NewMessageMailComposer composer;
    private final JavaMailSender mailSender;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReplyProcessor(
            ConversationCommands conversations,
            ConversationAccess access,
            AttachmentService attachments,
            DirectoryService directory,
            MailTokens tokens,
            MailAddresses identity,
            NewMessageMailComposer composer,
            JavaMailSender mailSender,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.conversations = conversations;
        this.access = access;
        this.attachments = attachments;
        this.directory = directory;
        this.tokens = tokens;
        this.identity = identity;
        this.composer = composer;
        this.mailSender = mailSender;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    enum Outcome {
        POSTED,
        ALREADY_PROCESSED,
        DROPPED,
        REFUSED
    }

    /**
     * Handles one received e-mail. Throws when the database or the storage fails: the e-mail then stays in the mailbox
     * and is handled again later, still at most once.
     */
    Outcome process(MimeMessage mail) throws MessagingException, IOException {
        String key = key(mail);
        if (known(key)) {
            return Outcome.ALREADY_PROCESSED;
        }
        if (automatic(mail)) {
            return record(key, "DROPPED", "auto-reply") ? Outcome.DROPPED : Outcome.ALREADY_PROCESSED;
        }
        String from = sender(mail);
        Optional<MailTokens.ReplyToken> token = replyToken(mail);
        if (token.isEmpty()) {
            return refuse(key, "bad token", from, mail);
        }
        UUID conversationId = token.get().conversationId();
        Optional<Viewer> sender = from == null ? Optional.empty() : directory.activeViewerByEmail(from);
        if (sender.isEmpty() || !tokens.issuedTo(token.get(), sender.get().id())) {
            return refuse(key, issuedToSomeone(token.get()) ? "other sender" : "bad token", from, mail);
        }
        Viewer author = sender.get();
        if (!access.isAccessible(author.id(), conversationId)) {
            return refuse(key, "lost access", from, mail);
        }
        ReplyContent content = ReplyContent.of(mail);
        List<UUID> files = new ArrayList<>();
        try {
            for (ReplyContent.Attachment file : content.attachments()) {
                try (var stream = file.part().getInputStream()) {
                    files.add(attachments
                            .upload(author.id(), file.name(), file.contentType(), stream)
                            .id());
                }
            }
            Boolean posted = transactions.execute(status -> {
                if (!record(key, "POSTED", null)) {
                    return false;
                }
                UUID messageId = conversations.reply(author, conversationId, content.html(), files);
                jdbc.sql("update inbound_email set message_id = ? where message_key = ?")
                        .params(messageId, key)
                        .update();
                return true;
            });
            if (!Boolean.TRUE.equals(posted)) {
                attachments.withdraw(author.id(), files);
                return Outcome.ALREADY_PROCESSED;
            }
            log.info("Reply by e-mail posted in conversation {} by {}", conversationId, author.id());
            return Outcome.POSTED;
        } catch (InvalidInputException invalid) {
            attachments.withdraw(author.id(), files);
            return refuse(key, reason(invalid), from, mail);
        } catch (NotFoundException lostMeanwhile) {
            attachments.withdraw(author.id(), files);
            return refuse(key, "lost access", from, mail);
        }
    }

    /** Why a reply was refused, for the record kept of it (the sender gets the same short answer). */
    private static String reason(InvalidInputException invalid) {
        if (invalid instanceof LimitExceededException limit) {
            return limit.kind() == LimitExceededException.Kind.TOO_LARGE ? "too large" : "over quota";
        }
        boolean tooLarge = invalid.problems().stream()
                .anyMatch(problem -> problem.messageKey().contains("tooLarge"));
        return tooLarge ? "too large" : "nothing to post";
    }

    /** The e-mail's identity across readers and retries: its Message-ID, or a digest of its headers without one. */
    static String key(MimeMessage mail) throws MessagingException {
        String messageId = mail.getMessageID();
        if (messageId != null && !messageId.isBlank()) {
            String id = messageId.strip();
            return id.length() > 300 ? "sha256:" + SecretTokens.hash(id) : id;
        }
        return "sha256:"
                + SecretTokens.hash(String.join(
                        "\n",
                        String.valueOf(mail.getHeader("From", ",")),
                        String.valueOf(mail.getHeader("To", ",")),
                        String.valueOf(mail.getHeader("Date", ",")),
                        String.valueOf(mail.getHeader("Subject", ","))));
    }

    /** RFC 3834 auto-replies, list and bulk mail, out-of-office messages and bounces. */
    static boolean automatic(MimeMessage mail) throws MessagingException {
        String autoSubmitted = mail.getHeader("Auto-Submitted", ",");
        if (autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no")) {
            return true;
        }
        String precedence = mail.getHeader("Precedence", ",");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk|auto_reply")) {
            return true;
        }
        if (mail.getHeader("X-Autoreply") != null
                || mail.getHeader("X-Autorespond") != null
                || mail.getHeader("X-Auto-Reply") != null) {
            return true;
        }
        String returnPath = mail.getHeader("Return-Path", ",");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return true;
        }
        String from = sender(mail);
        if (from == null || from.toLowerCase(Locale.ROOT).matches("(mailer-daemon|postmaster)@.*")) {
            return true;
        }
        String subject = mail.getSubject();
        return subject != null && AUTOMATIC_SUBJECT.matcher(subject.strip()).matches();
    }

    private static String sender(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        return from != null && from.length > 0 && from[0] instanceof InternetAddress address
                ? address.getAddress()
                : null;
    }

    /** The first reply address of ours among the recipients (To, Cc, and what the delivering server recorded). */
    private Optional<MailTokens.ReplyToken> replyToken(MimeMessage mail) throws MessagingException {
        List<String> candidates = new ArrayList<>();
        for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")) {
            String value = mail.getHeader(header, ",");
            if (value == null) {
                continue;
            }
            try {
                for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                    candidates.add(address.getAddress());
                }
            } catch (MessagingException unparsable) {
                // another header may do
            }
        }
        for (String address : candidates) {
            int at = address == null ? -1 : address.lastIndexOf('@');
            if (at > 0 && address.substring(at + 1).equalsIgnoreCase(identity.replyDomain())) {
                Optional<MailTokens.ReplyToken> token = MailTokens.parseReply(address.substring(0, at));
                if (token.isPresent()) {
                    return token;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the token is genuine but another person's (a forwarded notification answered by someone else). */
    private boolean issuedToSomeone(MailTokens.ReplyToken token) {
        return jdbc
                .sql("select person_id from participant where conversation_id = ?")
                .param(token.conversationId())
                .query(UUID.class)
                .list()
                .stream()
                .anyMatch(person -> tokens.issuedTo(token, person));
    }

    private boolean known(String key) {
        return jdbc.sql("select exists (select 1 from inbound_email where message_key = ?)")
                .param(key)
                .query(Boolean.class)
                .single();
    }

    /** Records the e-mail as handled; false when another reader (or an earlier attempt) already did. */
    private boolean record(String key, String outcome, String reason) {
        Boolean inserted = transactions.execute(status -> jdbc.sql("""
                                insert into inbound_email (message_key, received_at, outcome, reason) values (?, ?, ?, ?)
                                on conflict (message_key) do nothing
                                """)
                        .params(key, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), outcome, reason)
                        .update()
                == 1);
        return Boolean.TRUE.equals(inserted);
    }

    /** Records the refusal, then answers the sender once; an answer that cannot be sent is not retried. */
    private Outcome refuse(String key, String reason, String from, MimeMessage mail) throws MessagingException {
        if (!record(key, "REFUSED", reason)) {
            return Outcome.ALREADY_PROCESSED;
        }
        log.info("Reply by e-mail refused ({}): {}", reason, key);
        if (from == null || from.toLowerCase(Locale.ROOT).endsWith("@" + identity.replyDomain())) {
            return Outcome.REFUSED;
        }
        try {
            mailSender.send(composer.refusal(from, mail.getMessageID(), language(from), UUID.randomUUID()));
            jdbc.sql("update inbound_email set answered_at = ? where message_key = ?")
                    .params(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), key)
                    .update();
        } catch (RuntimeException | MessagingException e) {
            log.warn("Could not answer a refused reply by e-mail: {}", e.toString());
        }
        return Outcome.REFUSED;
    }

    private Locale language(String email) {
        return jdbc.sql("select language from person where lower(email) = lower(?)")
                .param(email)
                .query(String.class)
                .optional()
                .map(Locale::forLanguageTag)
                .orElse(Locale.FRENCH);
    }
}
