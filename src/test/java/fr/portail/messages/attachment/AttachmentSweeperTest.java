package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files that no message claims are deleted after the grace period, rows and files alike. The sweep runs over a storage
 * directory of its own: the application's directory is shared with the other test contexts (each with its own
 * database), whose files this database does not know and a sweep would take for orphans.
 */
@IntegrationTest
class AttachmentSweeperTest {

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UploadAllowance allowance;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path directory;

    AttachmentStorage storage;

    AttachmentService attachments;

    @BeforeEach
    void ownStorage() throws Exception {
        storage = new FileSystemAttachmentStorage(directory);
        attachments = new AttachmentService(storage, jdbc, Clock.systemUTC(), allowance, transactions);
    }

    @Test
    void unsentUploadsAndOrphanFilesOlderThanTheGracePeriodAreDeleted() throws Exception {
        Firm firm = testDirectory.firm().collaborator("alice").create();
        AttachmentInfo unsent =
                attachments.upload(firm.id("alice"), "a.txt", "text/plain", new ByteArrayInputStream(new byte[] {1}));
        String unsentKey = jdbc.sql("select storage_key from attachment where id = ?")
                .param(unsent.id())
                .query(String.class)
                .single();
        String orphanKey =
                storage.store(new ByteArrayInputStream(new byte[] {2}), 10).key();
        AttachmentInfo fresh =
                attachments.upload(firm.id("alice"), "b.txt", "text/plain", new ByteArrayInputStream(new byte[] {3}));

        // An hour from now with a grace of 30 minutes: everything above is old enough, except what we backdate.
        jdbc.sql("update attachment set created_at = now() + interval '2 hours' where id = ?")
                .param(fresh.id())
                .update();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        new AttachmentSweeper(jdbc, storage, attachments, allowance, Duration.ofMinutes(30), later).sweep();

        assertThat(jdbc.sql("select count(*) from attachment where id = ?")
                        .param(unsent.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(exists(unsentKey)).isFalse();
        assertThat(exists(orphanKey)).isFalse();
        assertThat(jdbc.sql("select count(*) from attachment where id = ?")
                        .param(fresh.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private boolean exists(String key) {
        try (var in = storage.open(key).getInputStream()) {
            return true;
        } catch (Exception missing) {
            return false;
        }
    }
}
