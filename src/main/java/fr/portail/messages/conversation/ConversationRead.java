package fr.portail.messages.conversation;

import java.util.UUID;

/**
 * A person read a conversation: opened it, marked it read, or wrote in it. Published inside the transaction that
 * records the reading, so that listeners change their own state (notifications) with it.
 */
public record ConversationRead(UUID conversationId, UUID personId) {}
