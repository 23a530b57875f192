package fr.portail.messages.live;

import java.util.UUID;

/**
 * Something that happened to a conversation, as it travels between instances: ids only, never text.
 *
 * @param id the event's number, also the {@code id:} of the Server-Sent Events that carry it (for Last-Event-ID)
 * @param kind a new message, or a person who read the conversation
 * @param conversationId the conversation
 * @param messageId the new message ({@code null} for a read)
 * @param personId the author of the message, or the person who read
 */
record LiveEvent(long id, Kind kind, UUID conversationId, UUID messageId, UUID personId) {

    enum Kind {
        MESSAGE,
        READ
    }

    /** The NOTIFY payload: the same ids separated by spaces. */
    static LiveEvent parse(String payload) {
        String[] parts = payload.split(" ");
        return new LiveEvent(
                Long.parseLong(parts[0]),
                Kind.valueOf(parts[1]),
                UUID.fromString(parts[2]),
                "-".equals(parts[3]) ? null : UUID.fromString(parts[3]),
                UUID.fromString(parts[4]));
    }
}
