package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;

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
}
