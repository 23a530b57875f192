package fr.portail.messages.attachment;

import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.TextRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads, claims and serves attachment files. A file is first uploaded by its author (pending, visible to nobody),
 * then claimed by the message that sends it in that message's transaction; the sweep removes what is never claimed.
 * Access decisions are not made here: the conversation module authorises every download.
 */
@Service
public class AttachmentService {

    /** 100 MB, the largest file a message may carry. */
    public static final long MAX_FILE_BYTES = 104_857_600L;

    /** The most files one message may carry. */
    public static final int MAX_FILES_PER_MESSAGE = 20;

    private static final Logger log = LoggerFactory.getLogger(AttachmentService.class);

    private final AttachmentStorage storage;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final UploadAllowance allowance;
    private final TransactionTemplate transactions;

    AttachmentService(
            AttachmentStorage storage,
            JdbcClient jdbc,
            Clock clock,
            UploadAllowance allowance,
            TransactionTemplate transactions) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.clock = clock;
        this.allowance = allowance;
        this.transactions = transactions;
    }

    /**
     * Streams a file of unknown size into the storage and records it as pending for its uploader.
     *
     * @see #upload(UUID, String, String, long, InputStream)
     */
    public AttachmentInfo upload(UUID uploaderId, String originalName, String declaredType, InputStream content)
            throws IOException {
        return upload(uploaderId, originalName, declaredType, -1, content);
    }

    /**
     * Streams a file into the storage and records it as pending for its uploader, within the upload limits of SPEC §9
     * ({@link UploadAllowance}): checked before the first byte is read (with the declared size, {@code -1} when
     * unknown), and again, under a lock, once the real size is known. A refused file leaves nothing behind.
     *
     * @throws InvalidInputException when the file is larger than {@link #MAX_FILE_BYTES}, or its name breaks the
     *     {@link TextRules}
     * @throws fr.portail.messages.platform.LimitExceededException when the uploader holds too many unsent files or
     *     this file would go beyond the daily quota
     */
    public AttachmentInfo upload(
            UUID uploaderId, String originalName, String declaredType, long declaredSize, InputStream content)
            throws IOException {
        // The name as the client gave it, before anything is stored: control characters, undecodable bytes or a bidi
        // override (RLO in "facture[RLO]fdp.exe") are refused rather than silently cleaned.
        TextRules.require("files", originalName, TextRules.Kind.NAME);
        allowance.requireRoom(uploaderId, FileNames.clean(originalName), declaredSize);
        AttachmentStorage.StoredFile stored;
        try {
            stored = storage.store(content, MAX_FILE_BYTES);
        } catch (AttachmentStorage.FileTooLargeException tooLarge) {
            throw new InvalidInputException("files", "attachment.error.tooLarge", FileNames.clean(originalName));
        }
        String name = FileNames.clean(originalName);
        String type = FileNames.contentType(declaredType);
        UUID id = UUID.randomUUID();
        try {
            transactions.executeWithoutResult(status -> {
                allowance.admit(uploaderId, id, name, stored.size());
                jdbc.sql("""
                                insert into attachment (id, uploader_id, storage_key, name, content_type, size, sha256, created_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?)
                                """)
                        .params(id, uploaderId, stored.key(), name, type, stored.size(), stored.sha256(), now())
                        .update();
            });
        } catch (RuntimeException e) {
            storage.delete(stored.key());
            throw e;
        }
        return new AttachmentInfo(id, name, stored.size(), type);
    }

    /**
     * Attaches the uploader's pending files to a message, in the caller's transaction.
     *
     * @throws InvalidInputException when a file is not a pending upload of this person
     */
    @Transactional
    public int claim(UUID uploaderId, Collection<UUID> ids, UUID conversationId, UUID messageId) {
        Set<UUID> unique = Set.copyOf(ids);
        if (unique.isEmpty()) {
            return 0;
        }
        if (unique.size() > MAX_FILES_PER_MESSAGE) {
            throw new InvalidInputException("attachmentIds", "attachment.error.tooMany", MAX_FILES_PER_MESSAGE);
        }
        int claimed = jdbc.sql("""
                        update attachment set conversation_id = :conversation, message_id = :message
                         where id in (:ids) and uploader_id = :uploader and message_id is null
                        """)
                .param("conversation", conversationId)
                .param("message", messageId)
                .param("ids", unique)
                .param("uploader", uploaderId)
                .update();
        if (claimed != unique.size()) {
            throw new InvalidInputException("attachmentIds", "attachment.error.unknown");
        }
        return claimed;
    }

    /**
     * Removes pending uploads of this person now (the "remove" button): they still count against the daily quota, or
     * uploading and removing again and again would get round it.
     */
    public void discard(UUID uploaderId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> keys = jdbc.sql("""
                        delete from attachment where id in (:ids) and uploader_id = :uploader and message_id is null
                        returning storage_key
                        """)
                .param("ids", Set.copyOf(ids))
                .param("uploader", uploaderId)
                .query(String.class)
                .list();
        keys.forEach(this::deleteQuietly);
    }

    /**
     * Undoes uploads of this person that the request which sent them could not use (its message was refused): the
     * files go, and they no longer count against the daily quota, as if they had never been sent.
     */
    public void withdraw(UUID uploaderId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        discard(uploaderId, ids);
        allowance.forget(uploaderId, Set.copyOf(ids));
    }

    /** The uploader's pending files among {@code ids} (to show them again on a form sent back with errors). */
    public List<AttachmentInfo> pending(UUID uploaderId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, name, size, content_type from attachment
                         where id in (:ids) and uploader_id = :uploader and message_id is null
                         order by created_at, id
                        """)
                .param("ids", Set.copyOf(ids))
                .param("uploader", uploaderId)
                .query((rs, row) -> new AttachmentInfo(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getLong("size"),
                        rs.getString("content_type")))
                .list();
    }

    /** A file attached to a message; pending uploads are not found. */
    public Optional<AttachmentFile> find(UUID id) {
        return jdbc.sql("""
                        select id, conversation_id, name, content_type, size, storage_key from attachment
                         where id = ? and message_id is not null
                        """)
                .param(id)
                .query((rs, row) -> new AttachmentFile(
                        rs.getObject("id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("content_type"),
                        rs.getLong("size"),
                        rs.getString("storage_key")))
                .optional();
    }

    public Resource open(AttachmentFile file) {
        try {
            return storage.open(file.storageKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            log.warn("Could not delete attachment file {}: {}", key, e.getMessage());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
