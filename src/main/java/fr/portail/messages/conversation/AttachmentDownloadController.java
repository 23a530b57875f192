package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentFile;
import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.attachment.AttachmentTypes;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    private final AttachmentService attachments;
    private final AttachmentDownloads downloads;

    AttachmentDownloadController(AttachmentService attachments, AttachmentDownloads downloads) {
        this.attachments = attachments;
        this.downloads = downloads;
    }

    @GetMapping({"/api/v1/attachments/{id}", "/attachments/{id}"})
    ResponseEntity<Resource> download(Viewer viewer, @PathVariable UUID id) {
        AttachmentFile file = downloads.authoriseDownload(viewer, id);
        return ResponseEntity.ok()
                .headers(common(file))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(AttachmentTypes.servedAs(file.contentType())))
                .body(attachments.open(file));
    }

    /** Images shown inline, in a sandbox: even a crafted file cannot run script in our origin. */
    @GetMapping({"/api/v1/attachments/{id}/preview", "/attachments/{id}/apercu"})
    ResponseEntity<Resource> preview(Viewer viewer, @PathVariable UUID id) {
        AttachmentFile file = downloads.authoriseDownload(viewer, id);
        if (!AttachmentTypes.isPreviewable(file.contentType())) {
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

    private static HttpHeaders common(AttachmentFile file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore().cachePrivate());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        return headers;
    }
}
