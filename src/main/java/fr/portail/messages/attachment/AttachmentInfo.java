package fr.portail.messages.attachment;

import java.util.UUID;

/** A file of a message as its uploader and the readers of the message see it. */
public record AttachmentInfo(UUID id, String name, long size, String contentType) {}
