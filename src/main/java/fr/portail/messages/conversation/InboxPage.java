package fr.portail.messages.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of the inbox, newest activity first, or of search results, best match first.
 *
 * @param items the conversations of the page
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 * @param unreadConversations the header's unread badge when the page's own statement counted it (the first page of
 *     "À traiter" without filters, see {@link InboxQueries#inbox}), else {@code null}
 */
public record InboxPage(
        List<Item> items, String nextCursor, @JsonIgnore Integer unreadConversations) {

    public InboxPage(List<Item> items, String nextCursor) {
        this(items, nextCursor, null);
    }

    /**
     * One row of the inbox.
     *
     * @param done whether the person marked it "Terminé" since its last message
     * @param highlight for a search: escaped text of the best matching message with the found words in {@code <mark>}
     * @param matchingMessageId for a search: the message of {@link #highlight}, {@code null} when only the subject,
     *     company, participants or file names match
     * @param matchingMessages for a search: how many messages contain one of the searched words
     */
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
            boolean unread,
            boolean done,
            @JsonInclude(JsonInclude.Include.NON_NULL) String highlight,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID matchingMessageId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer matchingMessages) {

        /** An inbox row, outside of a search. */
        public Item(
                UUID id,
                ConversationType type,
                String subject,
                CompanyRef company,
                List<String> participants,
                String lastAuthor,
                String excerpt,
                Instant lastMessageAt,
                boolean hasAttachments,
                boolean unread) {
            this(
                    id,
                    type,
                    subject,
                    company,
                    participants,
                    lastAuthor,
                    excerpt,
                    lastMessageAt,
                    hasAttachments,
                    unread,
                    false,
                    null,
                    null,
                    null);
        }
    }
}
