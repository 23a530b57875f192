package fr.portail.messages.attachment;

import fr.portail.messages.platform.LimitExceededException;
import fr.portail.messages.platform.LimitExceededException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The upload limits of SPEC §9: at most {@code messages.attachments.daily-quota} uploaded per person in 24 hours, and
 * at most {@value #MAX_PENDING_FILES} files uploaded but not yet sent. Counted in PostgreSQL, so that every instance
 * sees the same figures, and decided under a lock per person, so that parallel uploads cannot both take the last slot.
 */
@Component
class UploadAllowance {

    /** The most files a person may hold uploaded but not yet sent. */
    static final int MAX_PENDING_FILES = 50;

    static final Duration WINDOW = Duration.ofHours(24);

    /** The first key of the advisory locks taken here, so that they meet no other lock of the application. */
    private static final int LOCK_SPACE = 0x6174_7471; // "atqt"

    private final JdbcClient jdbc;
    private final Clock clock;
    private final long dailyQuota;

    UploadAllowance(
            JdbcClient jdbc, Clock clock, @Value("${messages.attachments.daily-quota:2GB}") DataSize dailyQuota) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dailyQuota = dailyQuota.toBytes();
    }

    /**
     * Refuses, before a byte is read, an upload that cannot fit: too many files waiting, the quota used up, or a
     * declared size ({@code 0} when unknown) beyond what is left. Without a lock: {@link #admit} decides.
     */
    void requireRoom(UUID uploaderId, String fileName, long declaredBytes) {
        // An unknown size counts as one byte: with the quota used up, nothing is read at all.
        check(uploaderId, fileName, Math.max(1, declaredBytes));
    }

    /**
     * Decides, in the caller's transaction and under a lock on the uploader, whether a stored file of {@code bytes}
     * may be kept, and if so counts it. Two uploads of one person pass here one after the other.
     */
    void admit(UUID uploaderId, UUID attachmentId, String fileName, long bytes) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .params(LOCK_SPACE, uploaderId.hashCode())
                .query((rs, row) -> 1)
                .single();
        check(uploaderId, fileName, bytes);
        jdbc.sql("insert into attachment_upload (attachment_id, uploader_id, size, uploaded_at) values (?, ?, ?, ?)")
                .params(attachmentId, uploaderId, bytes, now())
                .update();
    }

    /** Forgets uploads that were undone: they never counted. */
    void forget(UUID uploaderId, Collection<UUID> attachmentIds) {
        jdbc.sql("delete from attachment_upload where attachment_id in (:ids) and uploader_id = :uploader")
                .param("ids", attachmentIds)
                .param("uploader", uploaderId)
                .update();
    }

    /** Deletes the records that no longer count. */
    int sweep() {
        return jdbc.sql("delete from attachment_upload where uploaded_at <= ?")
                .param(now().minus(WINDOW))
                .update();
    }

    private void check(UUID uploaderId, String fileName, long bytes) {
        long pending = jdbc.sql("select count(*) from attachment where uploader_id = ? and message_id is null")
                .param(uploaderId)
                .query(Long.class)
                .single();
        if (pending >= MAX_PENDING_FILES) {
            throw new LimitExceededException(
                    Kind.TOO_MANY, "files", "attachment.error.tooManyPending", MAX_PENDING_FILES);
        }
        long used = jdbc.sql("""
                        select coalesce(sum(size), 0) from attachment_upload where uploader_id = ? and uploaded_at > ?
                        """)
                .params(uploaderId, now().minus(WINDOW))
                .query(Long.class)
                .single();
        if (used + bytes > dailyQuota) {
            throw new LimitExceededException(
                    Kind.TOO_MANY, "files", "attachment.error.dailyQuota", fileName, dailyQuota / (double) (1L << 30));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
