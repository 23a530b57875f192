package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentFile;
import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who may download a message's file: whoever may access its conversation. */
@Service
public class AttachmentDownloads {

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final AttachmentService attachments;
    private final AuditLog audit;

    AttachmentDownloads(JdbcClient jdbc, ConversationAccess access, AttachmentService attachments, AuditLog audit) {
        this.jdbc = jdbc;
        this.access = access;
        this.attachments = attachments;
        this.audit = audit;
    }

    /**
     * The load-and-authorise entry point of a download: the file, when the viewer may access its conversation; the
     * same not-found otherwise. Refusals and downloads from confidential conversations go to the audit log.
     */
    @Transactional
    public AttachmentFile authoriseDownload(Viewer viewer, UUID attachmentId) {
        AttachmentFile file = attachments.find(attachmentId).orElseThrow(() -> {
            audit.recordIndependently(viewer.id(), "ATTACHMENT_ACCESS_REFUSED", attachmentId.toString(), null);
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
}
