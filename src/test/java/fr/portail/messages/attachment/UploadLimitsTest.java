package fr.portail.messages.attachment;

import static fr.portail.messages.support.PatternedContent.patternStream;
import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.ApiClient.Part;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.StoredFiles;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC §9 upload limits on the API: at most {@value UploadAllowance#MAX_PENDING_FILES} files uploaded and not yet sent,
 * at most {@code messages.attachments.daily-quota} (2 GiB) uploaded in 24 hours. Above them a 429 problem and nothing
 * stored: no row, no file, nothing counted; two parallel uploads never both take the last slot.
 */
@IntegrationTest
class UploadLimitsTest {

    static final long QUOTA = 2L << 30;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AttachmentStorage storage;

    @Autowired
    TestClock clock;

    Firm firm;
    ApiClient paul;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        paul = new ApiClient(port, tokens.create(firm.viewer("paul"), "limits").value());
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    private ApiClient.Response upload(String name, long bytes) {
        return paul.body(
                "/api/v1/attachments",
                "attachment; filename=\"" + name + "\"",
                "text/plain",
                bytes,
                () -> patternStream(bytes));
    }

    private ApiClient.Response uploadMultipart(String name, long bytes) {
        return paul.multipart(
                "POST",
                "/api/v1/attachments",
                List.of(new Part("file", name, "text/plain", () -> patternStream(bytes))));
    }

    @Test
    void fiftyUnsentFilesAreTheMostAndTheNextIsRefusedWith429AndNothingStored() {
        for (int i = 0; i < UploadAllowance.MAX_PENDING_FILES; i++) {
            assertThat(upload("piece-" + i + ".txt", 10).status()).isEqualTo(201);
        }
        Set<String> files = StoredFiles.keys(storage);
        for (ApiClient.Response refused :
                List.of(upload("une-de-trop.txt", 10), uploadMultipart("une-de-trop.txt", 10))) {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString())
                    .isEqualTo("Vous avez déjà 50 fichiers joints pas encore envoyés : envoyez-les ou retirez-en"
                            + " avant d'en joindre d'autres.");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("files");
        }
        assertThat(pending()).isEqualTo(50);
        assertThat(counted()).isEqualTo(50);
        assertThat(StoredFiles.keys(storage)).isEqualTo(files);

        String first = jdbc.sql("select id from attachment where uploader_id = ? limit 1")
                .param(firm.id("paul"))
                .query(String.class)
                .single();
        assertThat(paul.delete("/api/v1/attachments/" + first).status()).isEqualTo(204);
        assertThat(upload("a-la-place.txt", 10).status()).isEqualTo(201);
    }

    @Test
    void theDailyQuotaIsReachedExactlyAndCountsTheLast24HoursOnly() {
        alreadyUploaded(QUOTA - 1000, Duration.ofHours(23));
        Set<String> files = StoredFiles.keys(storage);

        ApiClient.Response over = upload("releve.pdf", 1001);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().get("detail").asString())
                .isEqualTo("Le fichier « releve.pdf » n'a pas été joint : vous avez atteint la limite de 2 Go de"
                        + " fichiers envoyés en 24 heures. Réessayez plus tard.");
        // The same file without a declared length is refused once its real size is known.
        assertThat(paul.body(
                                "/api/v1/attachments",
                                "attachment; filename=\"releve.pdf\"",
                                "text/plain",
                                -1,
                                () -> patternStream(1001))
                        .status())
                .isEqualTo(429);
        assertThat(uploadMultipart("releve.pdf", 1001).status()).isEqualTo(429);
        assertThat(pending()).isZero();
        assertThat(counted()).isEqualTo(1);
        assertThat(StoredFiles.keys(storage)).isEqualTo(files);

        assertThat(upload("juste.pdf", 1000).status()).isEqualTo(201);
        assertThat(upload("un-octet.txt", 1).status()).isEqualTo(429);
        // A removed file still counts: removing does not give its bytes back.
        String sent = jdbc.sql("select id from attachment where uploader_id = ?")
                .param(firm.id("paul"))
                .query(String.class)
                .single();
        assertThat(paul.delete("/api/v1/attachments/" + sent).status()).isEqualTo(204);
        assertThat(upload("un-octet.txt", 1).status()).isEqualTo(429);

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(upload("le-lendemain.txt", 1).status()).isEqualTo(201);
    }

    @Test
    void parallelUploadsNeverTakeMoreThanTheLastFreeSlots() throws Exception {
        for (int i = 0; i < UploadAllowance.MAX_PENDING_FILES - 5; i++) {
            assertThat(upload("piece-" + i + ".txt", 10).status()).isEqualTo(201);
        }
        Set<String> files = StoredFiles.keys(storage);
        List<Integer> statuses =
                inParallel(10, i -> upload("parallele-" + i + ".txt", 10).status());
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(5);
        assertThat(pending()).isEqualTo(50);
        Set<String> after = StoredFiles.keys(storage);
        after.removeAll(files);
        assertThat(after).hasSize(5);
    }

    @Test
    void parallelUploadsNeverGoBeyondTheDailyQuota() throws Exception {
        alreadyUploaded(QUOTA - 5000, Duration.ofHours(1));
        List<Integer> statuses =
                inParallel(10, i -> upload("parallele-" + i + ".txt", 1000).status());
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(5);
        assertThat(jdbc.sql("select sum(size) from attachment_upload where uploader_id = ?")
                        .param(firm.id("paul"))
                        .query(Long.class)
                        .single())
                .isEqualTo(QUOTA);
    }

    @Test
    void aConversationWhoseFilesGoBeyondTheQuotaIsRefusedWith429AndLeavesNothing() {
        alreadyUploaded(QUOTA - 1500, Duration.ofHours(1));
        Set<String> files = StoredFiles.keys(storage);
        String subject = TestDirectory.unique("Pièces");
        var refused = paul.multipart(
                "POST",
                "/api/v1/conversations",
                List.of(
                        Part.field("type", "ENTREPRISE"),
                        Part.field("companyId", firm.companyId("dup").toString()),
                        Part.field("participantIds", firm.id("alice").toString()),
                        Part.field("subject", subject),
                        Part.field("html", "<p>Voici</p>"),
                        Part.file("files", "premier.txt", "text/plain", new byte[1000]),
                        Part.file("files", "second.txt", "text/plain", new byte[1000])));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("« second.txt »");
        assertThat(jdbc.sql("select count(*) from conversation where subject = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(pending()).isZero();
        assertThat(counted()).as("the first file, undone, no longer counts").isEqualTo(1);
        assertThat(StoredFiles.keys(storage)).isEqualTo(files);
    }

    /** What Paul uploaded before the test: one record of {@code bytes}, {@code ago} ago. */
    private void alreadyUploaded(long bytes, Duration ago) {
        jdbc.sql("insert into attachment_upload (attachment_id, uploader_id, size, uploaded_at) values (?, ?, ?, ?)")
                .params(
                        UUID.randomUUID(),
                        firm.id("paul"),
                        bytes,
                        OffsetDateTime.ofInstant(Instant.now().minus(ago), ZoneOffset.UTC))
                .update();
    }

    private long pending() {
        return jdbc.sql("select count(*) from attachment where uploader_id = ? and message_id is null")
                .param(firm.id("paul"))
                .query(Long.class)
                .single();
    }

    private long counted() {
        return jdbc.sql("select count(*) from attachment_upload where uploader_id = ?")
                .param(firm.id("paul"))
                .query(Long.class)
                .single();
    }

    private interface Call {
        int status(int index);
    }

    /** Runs {@code count} calls released at the same instant; their statuses. */
    private static List<Integer> inParallel(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return call.status(index);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
