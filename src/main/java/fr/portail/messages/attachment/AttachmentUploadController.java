package fr.portail.messages.attachment;

import fr.portail.messages.directory.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads a file before its message is sent (the editor's paperclip starts uploading at once, with a progress bar);
 * the message then names the uploaded ids. A pending upload is visible to nobody, its uploader included.
 */
@RestController
@RequestMapping("/api/v1/attachments")
class AttachmentUploadController {

    private final AttachmentService attachments;

    AttachmentUploadController(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<AttachmentInfo> upload(Viewer viewer, @RequestParam("file") MultipartFile file) throws IOException {
        AttachmentInfo uploaded;
        try (InputStream content = file.getInputStream()) {
            uploaded = attachments.upload(
                    viewer.id(), file.getOriginalFilename(), file.getContentType(), file.getSize(), content);
        }
        return ResponseEntity.created(URI.create("/api/v1/attachments/" + uploaded.id()))
                .body(uploaded);
    }

    /**
     * The same upload with the file as the whole request body and its name in {@code Content-Disposition} (RFC 6266,
     * {@code filename*} for any language): what the editor sends. Nothing is parsed or copied to a temporary file on
     * the way; the body streams into the storage.
     */
    @PostMapping(consumes = "!multipart/form-data")
    ResponseEntity<AttachmentInfo> uploadBody(
            Viewer viewer,
            @RequestHeader(value = HttpHeaders.CONTENT_DISPOSITION, required = false) String disposition,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            HttpServletRequest request)
            throws IOException {
        if (request.getContentLengthLong() > AttachmentService.MAX_FILE_BYTES) {
            throw new MaxUploadSizeExceededException(AttachmentService.MAX_FILE_BYTES);
        }
        AttachmentInfo uploaded;
        try (InputStream content = request.getInputStream()) {
            uploaded = attachments.upload(
                    viewer.id(), fileName(disposition), contentType, request.getContentLengthLong(), content);
        }
        return ResponseEntity.created(URI.create("/api/v1/attachments/" + uploaded.id()))
                .body(uploaded);
    }

    /** The file name of a {@code Content-Disposition} header; none (a default name) when missing or malformed. */
    private static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        try {
            return ContentDisposition.parse(disposition).getFilename();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Removes a file the person uploaded but has not sent. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(Viewer viewer, @PathVariable UUID id) {
        attachments.discard(viewer.id(), List.of(id));
        return ResponseEntity.noContent().build();
    }
}
