package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the directory storage, and what it leaves on disk. */
class FileSystemAttachmentStorageTest extends AttachmentStorageContract {

    @TempDir
    Path root;

    @Override
    AttachmentStorage storage() throws Exception {
        return new FileSystemAttachmentStorage(root);
    }

    @Override
    void dropForeignFile(String name) throws Exception {
        Files.write(root.resolve(name), new byte[] {0});
    }

    @Test
    void deletedFilesLeaveNothingOnDisk() throws Exception {
        var storage = storage();
        var stored = storage.store(new ByteArrayInputStream(new byte[] {1}), 10);
        storage.delete(stored.key());
        assertThat(Files.walk(root).filter(Files::isRegularFile)).isEmpty();
    }

    /** The hash runs on another thread, chunk by chunk: sizes around the chunk boundaries, read a few bytes at a time. */
    @Test
    void hashesAndStoresEveryByteWhateverTheChunkBoundaries() throws Exception {
        var storage = storage();
        int chunk = BackgroundSha256.CHUNK_BYTES;
        for (int size : new int[] {chunk - 1, chunk, chunk + 1, 2 * chunk, BackgroundSha256.CHUNKS * chunk * 3 + 7}) {
            byte[] bytes = new byte[size];
            new java.util.Random(size).nextBytes(bytes);
            var stored = storage.store(new TrickleInputStream(bytes), size);
            assertThat(stored.size()).isEqualTo(size);
            assertThat(stored.sha256()).isEqualTo(sha256(bytes));
            try (var in = storage.open(stored.key()).getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void refusesAFileOneChunkOverTheLimitAndKeepsNothing() throws Exception {
        var storage = storage();
        int size = 3 * BackgroundSha256.CHUNK_BYTES;
        assertThatThrownBy(() -> storage.store(new ByteArrayInputStream(new byte[size + 1]), size))
                .isInstanceOf(AttachmentStorage.FileTooLargeException.class);
        assertThat(Files.walk(root).filter(Files::isRegularFile)).isEmpty();
    }

    /** Gives at most 1,000 bytes per read, as a network stream does. */
    private static final class TrickleInputStream extends ByteArrayInputStream {

        TrickleInputStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1000));
        }
    }
}
