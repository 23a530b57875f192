package fr.portail.messages.attachment;

import static fr.portail.messages.attachment.AttachmentStorageContract.sha256;
import static fr.portail.messages.support.PatternedContent.pattern;
import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.ApiClient.Part;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The application configured with {@code messages.attachments.storage=s3}, against a real S3 server started in the
 * test: upload, send, download and resume through HTTP, and the orphan sweep on a bucket.
 *
 * <p>Unlike the other integration tests this one changes the configuration, so it runs in a second application
 * context (with its own embedded database); it is the only one that does, for the storage is chosen at start-up.
 */
@IntegrationTest
class S3AttachmentIntegrationTest {

    private static final S3TestServer SERVER = S3TestServer.get();
    private static final String BUCKET = SERVER.newBucket();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("messages.attachments.storage", () -> "s3");
        registry.add("messages.attachments.s3.bucket", () -> BUCKET);
        registry.add("messages.attachments.s3.endpoint", () -> SERVER.endpoint().toString());
        registry.add("messages.attachments.s3.access-key", () -> S3TestServer.ACCESS_KEY);
        registry.add("messages.attachments.s3.secret-key", () -> S3TestServer.SECRET_KEY);
        registry.add("messages.attachments.s3.path-style", () -> "true");
        registry.add("messages.attachments.s3.prefix", () -> "messages/attachments");
    }

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
    AttachmentService attachments;

    @Autowired
    UploadAllowance allowance;

    private Firm firm() {
        return testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
    }

    private ApiClient as(Firm firm, String key) {
        return new ApiClient(port, tokens.create(firm.viewer(key), "s3 test").value());
    }

    @Test
    void aFileUploadedSentAndDownloadedThroughHttpLivesInTheBucket() throws Exception {
        assertThat(storage).isInstanceOf(S3AttachmentStorage.class);
        Firm firm = firm();
        // Larger than one part (8 MB by default): the upload is a multipart upload.
        byte[] content = pattern(12_000_000);
        var upload = as(firm, "paul")
                .multipart(
                        "POST",
                        "/api/v1/attachments",
                        List.of(Part.file("file", "grand-livre.pdf", "application/pdf", content)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String id = upload.json().get("id").asString();
        var created = as(firm, "paul")
                .post("/api/v1/conversations", """
                {"type": "ENTREPRISE", "companyId": "%s", "participantIds": ["%s"], "subject": "Grand livre",
                 "html": "<p>Ci-joint</p>", "attachmentIds": ["%s"]}
                """.formatted(firm.companyId("dup"), firm.id("alice"), id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        String storageKey = jdbc.sql("select storage_key from attachment where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        String sha = jdbc.sql("select sha256 from attachment where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(sha).isEqualTo(sha256(content));
        assertThat(SERVER.client()
                        .listObjectsV2(request -> request.bucket(BUCKET))
                        .contents())
                .extracting(S3Object::key)
                .contains("messages/attachments/" + storageKey);

        var download = as(firm, "alice").download("/api/v1/attachments/" + id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(sha256(download.body())).isEqualTo(sha256(content));

        var rest = as(firm, "alice").download("/api/v1/attachments/" + id, "Range", "bytes=10000000-");
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(content, 10_000_000, content.length));
        var middle = as(firm, "alice").download("/api/v1/attachments/" + id, "Range", "bytes=100-199");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
    }

    @Test
    void theSweepDeletesOrphanObjectsAndAbortsAbandonedUploadsButKeepsSentFiles() throws Exception {
        Firm firm = firm();
        AttachmentInfo unsent =
                attachments.upload(firm.id("paul"), "a.txt", "text/plain", new ByteArrayInputStream(new byte[] {1}));
        String orphan =
                storage.store(new ByteArrayInputStream(new byte[] {2}), 10).key();
        String abandoned = UUID.randomUUID().toString();
        String uploadId = SERVER.client()
                .createMultipartUpload(request -> request.bucket(BUCKET).key("messages/attachments/" + abandoned))
                .uploadId();
        SERVER.client()
                .uploadPart(
                        request -> request.bucket(BUCKET)
                                .key("messages/attachments/" + abandoned)
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromBytes(new byte[] {3}));
        AttachmentInfo sent =
                attachments.upload(firm.id("paul"), "b.txt", "text/plain", new ByteArrayInputStream(new byte[] {4}));
        var created = as(firm, "paul")
                .post("/api/v1/conversations", """
                {"type": "ENTREPRISE", "companyId": "%s", "participantIds": ["%s"], "subject": "S",
                 "html": "", "attachmentIds": ["%s"]}
                """.formatted(firm.companyId("dup"), firm.id("alice"), sent.id()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        new AttachmentSweeper(jdbc, storage, attachments, allowance, Duration.ofMinutes(30), later).sweep();

        assertThat(keyOf(unsent)).isNull();
        List<String> left = AttachmentStorageContract.listed(storage).stream()
                .map(AttachmentStorage.StoredObject::key)
                .toList();
        assertThat(left).contains(keyOf(sent)).doesNotContain(orphan, abandoned + ".partial");
        assertThat(SERVER.client()
                        .listMultipartUploads(request -> request.bucket(BUCKET))
                        .uploads())
                .isEmpty();
    }

    private String keyOf(AttachmentInfo attachment) {
        return jdbc.sql("select storage_key from attachment where id = ?")
                .param(attachment.id())
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
