package fr.portail.messages.conversation;

import java.util.List;
import java.util.UUID;

/**
 * What the author of a new conversation asks for (the "+ Créer" form and {@code POST /api/v1/conversations}).
 *
 * @param type the conversation's type
 * @param companyId the company, for ENTREPRISE and CONFIDENTIEL only
 * @param participantIds the participants besides the author
 * @param subject at most 200 characters
 * @param html the first message, sanitised before it is stored
 * @param attachmentIds files the author uploaded for this message
 */
public record NewConversation(
        ConversationType type,
        UUID companyId,
        List<UUID> participantIds,
        String subject,
        String html,
        List<UUID> attachmentIds) {

    public NewConversation {
        participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    /** A conversation whose first message has no attachment. */
    public NewConversation(
            ConversationType type, UUID companyId, List<UUID> participantIds, String subject, String html) {
        this(type, companyId, participantIds, subject, html, List.of());
    }
}
