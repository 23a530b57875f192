package fr.portail.messages.attachment;

import java.util.UUID;

/** A file attached to a message of a conversation, ready to be served to someone with access. */
public record AttachmentFile(
        UUID id, UUID conversationId, String name, String contentType, long size, String storageKey) {}
