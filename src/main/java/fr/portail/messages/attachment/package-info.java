/** Attachment files: streamed uploads into an AttachmentStorage, claiming by messages, and the orphan sweep. */
package fr.portail.messages.attachment;
