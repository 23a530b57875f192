package fr.portail.messages.conversation;

import java.util.UUID;

/**
 * Filters of the inbox; {@code null} means "any".
 *
 * @param type only this type
 * @param companyId only this company's conversations
 * @param participantOnly only the conversations where the person is a participant
 * @param unreadOnly only the conversations with messages the person has not read
 * @param view to handle, done, or both
 */
public record InboxFilter(
        ConversationType type, UUID companyId, boolean participantOnly, boolean unreadOnly, InboxView view) {

    public InboxFilter {
        view = view == null ? InboxView.TODO : view;
    }

    /** The default view, "À traiter". */
    public InboxFilter(ConversationType type, UUID companyId, boolean participantOnly, boolean unreadOnly) {
        this(type, companyId, participantOnly, unreadOnly, InboxView.TODO);
    }

    public static InboxFilter none() {
        return new InboxFilter(null, null, false, false);
    }
}
