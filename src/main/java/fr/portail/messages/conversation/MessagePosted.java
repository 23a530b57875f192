package fr.portail.messages.conversation;

import java.util.UUID;

/**
 * Published in the transaction that stores a message (the first one of a conversation included). Carries ids only,
 * never the text: listeners read what they need, with the access rules of the moment.
 */
public record MessagePosted(UUID conversationId, UUID messageId, UUID authorId) {}
