package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as a person with access reads it.
 *
 * @param viewerIsParticipant whether the reader takes part in it
 * @param done whether the reader marked it "Terminé" since its last message
 */
public record ConversationView(
        UUID id,
        ConversationType type,
        String subject,
        CompanyRef company,
        List<PersonRef> participants,
        List<MessageView> messages,
        boolean viewerIsParticipant,
        boolean done) {

    /** One message; its HTML was sanitised when it was written. */
    public record MessageView(
            UUID id, PersonRef author, String html, Instant createdAt, List<AttachmentInfo> attachments) {}
}
