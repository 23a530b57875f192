package fr.portail.messages.attachment;

import fr.portail.messages.directory.Viewer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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
            uploaded = attachments.upload(viewer.id(), file.getOriginalFilename(), file.getContentType(), content);
        }
        return ResponseEntity.created(URI.create("/api/v1/attachments/" + uploaded.id()))
                .body(uploaded);
    }

    /** Removes a file the person uploaded but has not sent. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(Viewer viewer, @PathVariable UUID id) {
        attachments.discard(viewer.id(), List.of(id));
        return ResponseEntity.noContent().build();
    }
}
