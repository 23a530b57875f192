package fr.portail.messages.conversation;

import java.util.UUID;

/**
 * A person read a conversation: opened it, marked it read, or wrote in it. Published inside the transaction that
 * records the reading, so that listeners change their own state (notifications) with it.
 *
 * @param conversationId the conversation
 * @param personId who read it
 * @param newlyRead whether this reading reached messages the person had not read before, which changes what the
 *     others see under each message ("Vu par"); false when it only confirmed a state already recorded, and for the
 *     author of a new message (whose message is itself the news)
 */
public record ConversationRead(UUID conversationId, UUID personId, boolean newlyRead) {}
