package fr.portail.messages.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of the inbox, newest activity first.
 *
 * @param items the conversations of the page
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 */
public record InboxPage(List<Item> items, String nextCursor) {

    /** One row of the inbox. */
    public record Item(
            UUID id,
            ConversationType type,
            String subject,
            CompanyRef company,
            List<String> participants,
            String lastAuthor,
            String excerpt,
            Instant lastMessageAt,
            boolean hasAttachments,
            boolean unread) {}
}
