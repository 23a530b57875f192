package fr.portail.messages.attachment;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what no message claims after a grace period: pending uploads never sent, and files whose row was never
 * written (a crash between the upload and the database). Safe when several instances run it: each pending row is
 * deleted by one of them ({@code delete … returning}), and deleting a missing file is harmless.
 */
@Component
class AttachmentSweeper {

    private static final Logger log = LoggerFactory.getLogger(AttachmentSweeper.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final AttachmentStorage storage;
    private final AttachmentService attachments;
    private final UploadAllowance allowance;
    private final Duration grace;
    private final Clock clock;

    AttachmentSweeper(
            JdbcClient jdbc,
            AttachmentStorage storage,
            AttachmentService attachments,
            UploadAllowance allowance,
            @Value("${messages.attachments.orphan-grace:24h}") Duration grace,
            Clock clock) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.attachments = attachments;
        this.allowance = allowance;
        this.grace = grace;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${messages.attachments.sweep-interval:10m}", initialDelayString = "1m")
    void sweep() throws IOException {
        Instant limit = clock.instant().minus(grace);
        List<String> expired = jdbc.sql("""
                        delete from attachment where message_id is null and created_at < ? returning storage_key
                        """)
                .param(OffsetDateTime.ofInstant(limit, ZoneOffset.UTC))
                .query(String.class)
                .list();
        expired.forEach(attachments::deleteQuietly);
        allowance.sweep();
        List<String> batch = new ArrayList<>();
        int[] orphans = {0};
        storage.forEach(file -> {
            if (file.lastModified().isBefore(limit)) {
                batch.add(file.key());
                if (batch.size() == BATCH) {
                    orphans[0] += deleteUnknown(batch);
                    batch.clear();
                }
            }
        });
        orphans[0] += deleteUnknown(batch);
        if (!expired.isEmpty() || orphans[0] > 0) {
            log.info("Attachment sweep: {} unsent uploads and {} orphan files deleted", expired.size(), orphans[0]);
        }
    }

    /** Deletes the files of {@code keys} that no attachment row names. */
    private int deleteUnknown(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Set<String> known = new HashSet<>(jdbc.sql("select storage_key from attachment where storage_key in (:keys)")
                .param("keys", keys)
                .query(String.class)
                .list());
        int deleted = 0;
        for (String key : keys) {
            if (!known.contains(key)) {
                attachments.deleteQuietly(key);
                deleted++;
            }
        }
        return deleted;
    }
}
