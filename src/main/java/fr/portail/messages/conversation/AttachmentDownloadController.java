package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentFile;
import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves attachment files, only through the load-and-authorise entry point of their conversation (404 otherwise, as
 * for a missing file). Files are streamed from the storage with HTTP Range support; they download as attachments with
 * their type only when it is on a safe list, and an image preview is sandboxed so that nothing can run in the
 * application's origin.
 */
@RestController
class AttachmentDownloadController {

    /** Types served as declared; everything else is {@code application/octet-stream}. */
    private static final Set<String> SAFE_TYPES = Set.of(
            "application/pdf",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "text/plain",
            "text/csv",
            "application/zip",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet");

    private static final Set<String> PREVIEWABLE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final AttachmentService attachments;
    private final ConversationAccess access;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    AttachmentDownloadController(
            AttachmentService attachments, ConversationAccess access, AuditLog audit, JdbcClient jdbc) {
        this.attachments = attachments;
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping({"/api/v1/attachments/{id}", "/attachments/{id}"})
    ResponseEntity<Resource> download(Viewer viewer, @PathVariable UUID id) {
        AttachmentFile file = authorised(viewer, id);
        return ResponseEntity.ok()
                .headers(common(file))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(
                        SAFE_TYPES.contains(file.contentType()) ? file.contentType() : "application/octet-stream"))
                .body(attachments.open(file));
    }

    /** Images shown inline, in a sandbox: even a crafted file cannot run script in our origin. */
    @GetMapping({"/api/v1/attachments/{id}/preview", "/attachments/{id}/apercu"})
    ResponseEntity<Resource> preview(Viewer viewer, @PathVariable UUID id) {
        AttachmentFile file = authorised(viewer, id);
        if (!PREVIEWABLE.contains(file.contentType())) {
            throw new NotFoundException();
        }
        return ResponseEntity.ok()
                .headers(common(file))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(file.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(attachments.open(file));
    }

    private AttachmentFile authorised(Viewer viewer, UUID id) {
        AttachmentFile file = attachments.find(id).orElseThrow(() -> {
            audit.recordIndependently(viewer.id(), "ATTACHMENT_ACCESS_REFUSED", id.toString(), null);
            return new NotFoundException();
        });
        access.requireAccessible(viewer, file.conversationId());
        String type = jdbc.sql("select type from conversation where id = ?")
                .param(file.conversationId())
                .query(String.class)
                .single();
        if (ConversationType.valueOf(type).isConfidential()) {
            audit.record(
                    viewer.id(),
                    "CONFIDENTIAL_ATTACHMENT_DOWNLOADED",
                    file.id().toString(),
                    file.conversationId().toString());
        }
        return file;
    }

    private static HttpHeaders common(AttachmentFile file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore().cachePrivate());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        return headers;
    }
}
