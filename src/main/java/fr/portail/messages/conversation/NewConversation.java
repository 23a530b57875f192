package fr.portail.messages.conversation;

import fr.portail.messages.platform.NameText;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.CodePointLength;

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
        List<@NotNull UUID> participantIds,

        @CodePointLength(max = ConversationCommands.SUBJECT_MAX_LENGTH) @NameText
        String subject,

        String html,
        List<@NotNull UUID> attachmentIds) {

    /** Keeps a missing id of a list ({@code [null]}) for the constraints to report, instead of failing here. */
    public NewConversation {
        participantIds =
                participantIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(participantIds));
        attachmentIds =
                attachmentIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(attachmentIds));
    }

    /** A conversation whose first message has no attachment. */
    public NewConversation(
            ConversationType type, UUID companyId, List<UUID> participantIds, String subject, String html) {
        this(type, companyId, participantIds, subject, html, List.of());
    }
}
