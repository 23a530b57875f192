package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract every {@link AttachmentStorage} keeps, checked on the directory storage. */
class FileSystemAttachmentStorageTest {

    @TempDir
    Path root;

    @Test
    void storesUnderAGeneratedKeyWithSizeAndSha256AndGivesTheBytesBack() throws Exception {
        var storage = new FileSystemAttachmentStorage(root);
        var stored = storage.store(new ByteArrayInputStream("abc".getBytes()), 10);
        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(stored.key()).matches("[0-9a-f-]{36}");
        try (var in = storage.open(stored.key()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo("abc".getBytes());
        }
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws Exception {
        var storage = new FileSystemAttachmentStorage(root);
        assertThatThrownBy(() -> storage.store(new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(AttachmentStorage.FileTooLargeException.class);
        List<AttachmentStorage.StoredObject> left = new ArrayList<>();
        storage.forEach(left::add);
        assertThat(left).isEmpty();
    }

    @Test
    void deleteIsIdempotentAndListsWhatIsStored() throws Exception {
        var storage = new FileSystemAttachmentStorage(root);
        var stored = storage.store(new ByteArrayInputStream(new byte[] {1}), 10);
        List<String> keys = new ArrayList<>();
        storage.forEach(file -> keys.add(file.key()));
        assertThat(keys).containsExactly(stored.key());
        storage.delete(stored.key());
        storage.delete(stored.key());
        assertThat(Files.walk(root).filter(Files::isRegularFile)).isEmpty();
    }

    @Test
    void keysThatAreNotGeneratedNeverReachTheFileSystem() throws Exception {
        var storage = new FileSystemAttachmentStorage(root);
        assertThatThrownBy(() -> storage.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.delete("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
