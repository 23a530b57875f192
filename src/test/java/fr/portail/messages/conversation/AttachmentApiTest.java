package fr.portail.messages.conversation;

import static fr.portail.messages.support.PatternedContent.patternStream;
import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.attachment.AttachmentStorage;
import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.ApiClient.Part;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.StoredFiles;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Attachments through the JSON API: limits, streaming, access, safe serving, and nothing left behind. */
@IntegrationTest
class AttachmentApiTest {

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

    Firm firm;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .collaborator("alice", "dup")
                .collaborator("bruno")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("sophie", List.of("gar"), List.of("gar"))
                .create();
    }

    private ApiClient as(String key) {
        return new ApiClient(
                port, tokens.create(firm.viewer(key), "attachment test").value());
    }

    private long pendingUploadsOf(String key) {
        return jdbc.sql("select count(*) from attachment where uploader_id = ?")
                .param(firm.id(key))
                .query(Long.class)
                .single();
    }

    private String createWithFile(String author, String participant, String filename, String type, byte[] bytes) {
        var created = as(author)
                .multipart(
                        "POST",
                        "/api/v1/conversations",
                        List.of(
                                Part.field("type", "ENTREPRISE"),
                                Part.field("companyId", firm.companyId("dup").toString()),
                                Part.field(
                                        "participantIds", firm.id(participant).toString()),
                                Part.field("subject", "Pièces"),
                                Part.field("html", "<p>Voici</p>"),
                                Part.file("files", filename, type, bytes)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json()
                .get("messages")
                .get(0)
                .get("attachments")
                .get(0)
                .get("id")
                .asString();
    }

    @Test
    void exactly100MegabytesIsAcceptedAndOneByteMoreIsRefusedWithNothingStored() throws Exception {
        ApiClient paul = as("paul");
        var exact = paul.multipart(
                "POST",
                "/api/v1/attachments",
                List.of(new Part(
                        "file",
                        "bilan.pdf",
                        "application/pdf",
                        () -> patternStream(AttachmentService.MAX_FILE_BYTES))));
        assertThat(exact.status()).isEqualTo(201);
        assertThat(exact.json().get("size").asLong()).isEqualTo(104_857_600L);

        long before = pendingUploadsOf("paul");
        Set<String> files = StoredFiles.keys(storage);
        var tooLarge = paul.multipart(
                "POST",
                "/api/v1/attachments",
                List.of(new Part(
                        "file",
                        "trop.pdf",
                        "application/pdf",
                        () -> patternStream(AttachmentService.MAX_FILE_BYTES + 1))));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        assertThat(tooLarge.json().get("detail").asString()).contains("100");
        assertThat(pendingUploadsOf("paul")).isEqualTo(before);
        assertThat(StoredFiles.keys(storage)).as("no new file in storage").isSubsetOf(files);
    }

    @Test
    void fileSentAsTheWholeBodyHasTheSameLimitAndKeepsItsUnicodeName() throws Exception {
        ApiClient paul = as("paul");
        String named = "attachment; filename*=UTF-8''bilan%20%C3%A9t%C3%A9%202025.pdf";
        var exact = paul.body(
                "/api/v1/attachments",
                named,
                "application/pdf",
                AttachmentService.MAX_FILE_BYTES,
                () -> patternStream(AttachmentService.MAX_FILE_BYTES));
        assertThat(exact.status()).as(exact.body()).isEqualTo(201);
        assertThat(exact.json().get("size").asLong()).isEqualTo(104_857_600L);
        assertThat(exact.json().get("name").asString()).isEqualTo("bilan été 2025.pdf");
        assertThat(exact.json().get("contentType").asString()).isEqualTo("application/pdf");

        long before = pendingUploadsOf("paul");
        Set<String> files = StoredFiles.keys(storage);
        var declaredTooLarge = paul.body(
                "/api/v1/attachments",
                named,
                "application/pdf",
                AttachmentService.MAX_FILE_BYTES + 1,
                () -> patternStream(AttachmentService.MAX_FILE_BYTES + 1));
        assertThat(declaredTooLarge.status()).isEqualTo(413);
        assertThat(declaredTooLarge.json().get("detail").asString()).contains("100");
        var streamedTooLarge = paul.body(
                "/api/v1/attachments",
                named,
                "application/pdf",
                -1,
                () -> patternStream(AttachmentService.MAX_FILE_BYTES + 1));
        assertThat(streamedTooLarge.status()).isEqualTo(400);
        assertThat(streamedTooLarge.body()).contains("bilan été 2025.pdf");
        assertThat(pendingUploadsOf("paul")).isEqualTo(before);
        assertThat(StoredFiles.keys(storage)).as("no new file in storage").isSubsetOf(files);
        var unnamed = paul.body("/api/v1/attachments", "attachment", "text/plain", 3, () -> patternStream(3));
        assertThat(unnamed.status()).isEqualTo(201);
        assertThat(unnamed.json().get("name").asString()).isEqualTo("fichier");
    }

    @Test
    void participantDownloadsTheSameBytesWithSafeHeadersAndCanResume() throws Exception {
        byte[] content = "Relevé de compte — décembre\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        String id = createWithFile("paul", "alice", "relevé \"décembre\".pdf", "application/pdf", content);
        var download = as("alice").download("/api/v1/attachments/" + id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(sha256(content));
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment;")
                .contains("filename*=UTF-8''relev%C3%A9%20%22d%C3%A9cembre%22.pdf");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Cache-Control")).contains("no-store").contains("private");

        var rest = as("alice").download("/api/v1/attachments/" + id, "Range", "bytes=1000-");
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.body()).hasSize(content.length - 1000);
        assertThat(rest.body()[0]).isEqualTo(content[1000]);
    }

    @Test
    void peopleWithoutAccessToTheConversationCannotDownload() {
        String id = createWithFile("paul", "alice", "paie.pdf", "application/pdf", "secret".getBytes());
        assertThat(as("sophie").download("/api/v1/attachments/" + id).status()).isEqualTo(404);
        assertThat(as("bruno").download("/api/v1/attachments/" + id).status()).isEqualTo(404);
        assertThat(new ApiClient(port, null)
                        .download("/api/v1/attachments/" + id)
                        .status())
                .isEqualTo(401);
        assertThat(as("alice").download("/api/v1/attachments/" + id).status()).isEqualTo(200);
    }

    @Test
    void pendingUploadIsVisibleToNobodyAndCannotBeClaimedByAnotherPerson() {
        var upload = as("paul")
                .multipart(
                        "POST",
                        "/api/v1/attachments",
                        List.of(Part.file("file", "a.txt", "text/plain", "x".getBytes())));
        String id = upload.json().get("id").asString();
        assertThat(as("paul").download("/api/v1/attachments/" + id).status()).isEqualTo(404);
        var stolen =
                as("alice").post("/api/v1/conversations", """
                {"type": "ENTREPRISE", "companyId": "%s", "participantIds": ["%s"], "subject": "S", "html": "",
                 "attachmentIds": ["%s"]}
                """.formatted(firm.companyId("dup"), firm.id("paul"), id));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.body()).contains("attachmentIds");
        assertThat(jdbc.sql("select count(*) from conversation where created_by = ?")
                        .param(firm.id("alice"))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void dangerousTypesNeverRenderInTheApplicationsOrigin() {
        String html = createWithFile("paul", "alice", "page.html", "text/html", "<script>alert(1)</script>".getBytes());
        var download = as("alice").download("/api/v1/attachments/" + html);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Disposition")).startsWith("attachment;");
        String svg = createWithFile("paul", "alice", "logo.svg", "image/svg+xml", "<svg onload=alert(1)/>".getBytes());
        assertThat(as("alice")
                        .download("/api/v1/attachments/" + svg + "/preview")
                        .status())
                .isEqualTo(404);
        String png = createWithFile("paul", "alice", "photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        var preview = as("alice").download("/api/v1/attachments/" + png + "/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(preview.header("Content-Disposition")).startsWith("inline;");
    }

    @Test
    void fileNamesOfAnyShapeAreHandledWithoutHarm() {
        String traversal = createWithFile("paul", "alice", "../../etc/passwd", "text/plain", "x".getBytes());
        assertThat(as("alice")
                        .get("/api/v1/conversations/" + conversationOf(traversal))
                        .body())
                .contains("\"name\":\"passwd\"");
        long before = pendingUploadsOf("paul");
        var control = as("paul")
                .multipart(
                        "POST",
                        "/api/v1/conversations",
                        List.of(
                                Part.field("type", "ENTREPRISE"),
                                Part.field("companyId", firm.companyId("dup").toString()),
                                Part.field("participantIds", firm.id("alice").toString()),
                                Part.field("subject", "Pièces"),
                                Part.field("html", "<p>Voici</p>"),
                                Part.file("files", "fact\u0007ure\u0001.pdf", "application/pdf", "x".getBytes())));
        // Control characters in a file name are refused, not silently cleaned: the server's multipart parser refuses
        // the part, and the answer speaks of the files.
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.body()).contains("\"field\":\"files\"");
        assertThat(pendingUploadsOf("paul")).isEqualTo(before);
        String longName = "é".repeat(400) + ".xlsx";
        String longId = createWithFile("paul", "alice", longName, "application/octet-stream", "x".getBytes());
        assertThat(jdbc.sql("select name from attachment where id = ?::uuid")
                        .param(longId)
                        .query(String.class)
                        .single())
                .hasSize(255)
                .endsWith(".xlsx");
    }

    @Test
    void messageRefusedAfterItsFilesWereSentLeavesNoRowAndNoFile() {
        long before = pendingUploadsOf("paul");
        Set<String> files = StoredFiles.keys(storage);
        var refused = as("paul")
                .multipart(
                        "POST",
                        "/api/v1/conversations",
                        List.of(
                                Part.field("type", "ENTREPRISE"),
                                Part.field("companyId", firm.companyId("dup").toString()),
                                Part.field("participantIds", firm.id("alice").toString()),
                                Part.field("subject", ""),
                                Part.file("files", "a.pdf", "application/pdf", "x".getBytes())));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("subject");
        assertThat(pendingUploadsOf("paul")).isEqualTo(before);
        assertThat(StoredFiles.keys(storage)).as("no new file in storage").isSubsetOf(files);
    }

    @Test
    void replyWithOnlyAFileIsAMessage() {
        String first = createWithFile("paul", "alice", "a.pdf", "application/pdf", "x".getBytes());
        String conversation = conversationOf(first);
        var reply = as("alice")
                .multipart(
                        "POST",
                        "/api/v1/conversations/" + conversation + "/messages",
                        List.of(Part.file("files", "réponse.pdf", "application/pdf", "y".getBytes())));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("attachments").get(0).get("name").asString())
                .isEqualTo("réponse.pdf");
        var inbox = as("paul").get("/api/v1/conversations").json().get("items");
        boolean marked = false;
        for (var item : inbox) {
            if (item.get("id").asString().equals(conversation)) {
                marked = item.get("hasAttachments").asBoolean();
            }
        }
        assertThat(marked).isTrue();
    }

    private String conversationOf(String attachmentId) {
        return jdbc.sql("select conversation_id::text from attachment where id = ?::uuid")
                .param(attachmentId)
                .query(String.class)
                .single();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
