package fr.portail.messages.attachment;

import static fr.portail.messages.support.PatternedContent.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AttachmentStorage} keeps, whatever holds the files. Each implementation's test extends it
 * and gives an empty storage per test.
 */
abstract class AttachmentStorageContract {

    /** An empty storage. */
    abstract AttachmentStorage storage() throws Exception;

    /** Puts a file named {@code name} where the last storage keeps its files, as another tool or a person would. */
    abstract void dropForeignFile(String name) throws Exception;

    @Test
    void storesUnderAGeneratedKeyWithSizeAndSha256AndGivesTheBytesBack() throws Exception {
        var storage = storage();
        var stored = storage.store(new ByteArrayInputStream("abc".getBytes()), 10);
        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(stored.key()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        var resource = storage.open(stored.key());
        assertThat(resource.contentLength()).isEqualTo(3);
        try (var in = resource.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo("abc".getBytes());
        }
    }

    @Test
    void storesAnEmptyFile() throws Exception {
        var storage = storage();
        var stored = storage.store(InputStream.nullInputStream(), 10);
        assertThat(stored.size()).isZero();
        assertThat(stored.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        try (var in = storage.open(stored.key()).getInputStream()) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void acceptsContentOfExactlyTheLimit() throws Exception {
        var storage = storage();
        var stored = storage.store(new ByteArrayInputStream(new byte[10]), 10);
        assertThat(stored.size()).isEqualTo(10);
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws Exception {
        var storage = storage();
        assertThatThrownBy(() -> storage.store(new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(AttachmentStorage.FileTooLargeException.class);
        assertThat(listed(storage)).isEmpty();
    }

    @Test
    void contentThatBreaksOffKeepsNothing() throws Exception {
        var storage = storage();
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[1000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by the browser");
            }
        });
        assertThatThrownBy(() -> storage.store(broken, 10_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("connection reset");
        assertThat(listed(storage)).isEmpty();
    }

    @Test
    void deleteIsIdempotentAndListsWhatIsStored() throws Exception {
        var storage = storage();
        var stored = storage.store(new ByteArrayInputStream(new byte[] {1}), 10);
        assertThat(listed(storage))
                .extracting(AttachmentStorage.StoredObject::key)
                .containsExactly(stored.key());
        storage.delete(stored.key());
        storage.delete(stored.key());
        assertThat(listed(storage)).isEmpty();
        assertThatThrownBy(() -> storage.open(stored.key())).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void filesThatAreNotOursAreNeverListedSoNeverSwept() throws Exception {
        var storage = storage();
        var stored = storage.store(new ByteArrayInputStream(new byte[] {1}), 10);
        dropForeignFile("README.txt");
        dropForeignFile("1-2-3-4-5"); // parses as a UUID, but is not one we generate
        assertThat(listed(storage))
                .extracting(AttachmentStorage.StoredObject::key)
                .containsExactly(stored.key());
    }

    @Test
    void listsWhenEachFileWasWritten() throws Exception {
        var storage = storage();
        Instant before = Instant.now().minusSeconds(5);
        storage.store(new ByteArrayInputStream(new byte[] {1}), 10);
        storage.store(new ByteArrayInputStream(new byte[] {2}), 10);
        List<AttachmentStorage.StoredObject> files = listed(storage);
        assertThat(files).hasSize(2);
        assertThat(files)
                .allSatisfy(file -> assertThat(file.lastModified())
                        .isBetween(before, Instant.now().plus(Duration.ofSeconds(5))));
    }

    @Test
    void openingAFileThatIsNotThereFails() throws Exception {
        var storage = storage();
        assertThatThrownBy(() -> storage.open("6f1c9a52-3b0e-4c8e-9d3a-1f2b3c4d5e6f"))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void readsFromAnOffsetAsARangeRequestDoes() throws Exception {
        var storage = storage();
        byte[] content = pattern(100_000);
        var stored = storage.store(new ByteArrayInputStream(content), content.length);
        var resource = storage.open(stored.key());
        assertThat(resource.contentLength()).isEqualTo(content.length);
        // What Spring's ResourceRegion support does: skip to the start, read up to the end, close early.
        try (var in = resource.getInputStream()) {
            assertThat(in.skip(60_000)).isEqualTo(60_000);
            assertThat(in.readNBytes(1000)).isEqualTo(java.util.Arrays.copyOfRange(content, 60_000, 61_000));
        }
        try (var in = resource.getInputStream()) {
            assertThat(in.skip(99_000)).isEqualTo(99_000);
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 99_000, 100_000));
        }
    }

    @Test
    void keysThatAreNotGeneratedNeverReachTheStorage() throws Exception {
        var storage = storage();
        assertThatThrownBy(() -> storage.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.delete("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.open("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    static List<AttachmentStorage.StoredObject> listed(AttachmentStorage storage) throws IOException {
        List<AttachmentStorage.StoredObject> files = new ArrayList<>();
        storage.forEach(files::add);
        return files;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
