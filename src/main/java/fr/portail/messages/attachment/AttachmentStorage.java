package fr.portail.messages.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;

/**
 * Where attachment files live: a directory by default, an S3-compatible bucket for deployments with several
 * instances. Files are stored under generated keys, never under the name the user gave.
 */
public interface AttachmentStorage {

    /**
     * Streams {@code content} into a new file, never holding it in memory.
     *
     * @param maxBytes the largest accepted size; a longer stream is refused and nothing is kept
     * @throws FileTooLargeException when the content exceeds {@code maxBytes}
     */
    StoredFile store(InputStream content, long maxBytes) throws IOException;

    /** The file, for streaming to a response (with HTTP Range support where the resource allows it). */
    Resource open(String key) throws IOException;

    /** Deletes the file; deleting a missing file is not an error. */
    void delete(String key) throws IOException;

    /** Calls {@code visitor} for every stored file (for the orphan sweep). */
    void forEach(Consumer<StoredObject> visitor) throws IOException;

    /** A file just stored. */
    record StoredFile(String key, long size, String sha256) {}

    /** A file found in the storage. */
    record StoredObject(String key, Instant lastModified) {}

    /** The content was longer than allowed. */
    final class FileTooLargeException extends IOException {
        public FileTooLargeException() {
            super("file too large");
        }
    }
}
