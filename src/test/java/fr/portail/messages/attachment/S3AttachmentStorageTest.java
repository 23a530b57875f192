package fr.portail.messages.attachment;

import static fr.portail.messages.support.PatternedContent.pattern;
import static fr.portail.messages.support.PatternedContent.patternStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage contract on an S3 bucket of a real S3 server (s3proxy, in this JVM), and what only S3 has: multipart
 * uploads, a key prefix, a bucket shared with other objects, pagination.
 */
class S3AttachmentStorageTest extends AttachmentStorageContract {

    /** The S3 minimum, so that a few megabytes already span several parts. */
    private static final int PART = (int) AttachmentStorageProperties.S3.MIN_PART_SIZE.toBytes();

    private final S3TestServer server = S3TestServer.get();
    private final S3Client s3 = server.client();
    private final List<S3AttachmentStorage> opened = new ArrayList<>();
    private String bucket;
    private String prefix;

    @Override
    void dropForeignFile(String name) {
        s3.putObject(request -> request.bucket(bucket).key(prefix + name), RequestBody.fromString("x"));
    }

    @Override
    AttachmentStorage storage() {
        return storage("attachments/", 4);
    }

    private S3AttachmentStorage storage(String prefix, int uploadBuffers) {
        bucket = server.newBucket();
        this.prefix = prefix;
        var storage = new S3AttachmentStorage(
                S3AttachmentStorage.client(server.settings(bucket, prefix)), bucket, prefix, PART, uploadBuffers);
        opened.add(storage);
        return storage;
    }

    @AfterEach
    void close() {
        opened.forEach(S3AttachmentStorage::close);
    }

    private List<String> objectKeys() {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private int pendingMultipartUploads() {
        return s3.listMultipartUploads(request -> request.bucket(bucket))
                .uploads()
                .size();
    }

    @Test
    void aFileSpanningSeveralPartsComesBackIdentical() throws Exception {
        var storage = storage();
        byte[] content = pattern(20_000_000);
        var stored = storage.store(new ByteArrayInputStream(content), 104_857_600L);
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        var resource = storage.open(stored.key());
        assertThat(resource.contentLength()).isEqualTo(content.length);
        try (var in = resource.getInputStream()) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
        assertThat(objectKeys()).containsExactly("attachments/" + stored.key());
        assertThat(pendingMultipartUploads()).isZero();
    }

    @Test
    void aLargeFileNeverPassesThroughTheHeap() throws Exception {
        var storage = storage();
        storage.store(new ByteArrayInputStream(pattern(PART + 1)), 104_857_600L); // loads the classes of the path
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        // Generated on the fly, so that only what the storage allocates is counted: six parts and a bit.
        var stored = storage.store(patternStream(6L * PART + 1000), 104_857_600L);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(stored.size()).isEqualTo(6L * PART + 1000);
        // Parts are buffered off the heap and sent from there; copying the file through byte arrays would allocate
        // at least its 31 MB.
        assertThat(allocated).as("bytes allocated while storing").isLessThan(8_000_000L);
    }

    @Test
    void aFileOfExactlyOnePartIsStored() throws Exception {
        var storage = storage();
        byte[] content = pattern(PART);
        var stored = storage.store(new ByteArrayInputStream(content), PART);
        try (var in = storage.open(stored.key()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void contentOverTheLimitAfterSeveralPartsLeavesNoObjectAndNoPendingUpload() throws Exception {
        var storage = storage();
        // Three parts are sent before the content proves too long.
        assertThatThrownBy(() -> storage.store(new ByteArrayInputStream(pattern(20_000_000)), 3L * PART + 10))
                .isInstanceOf(AttachmentStorage.FileTooLargeException.class);
        assertThat(objectKeys()).isEmpty();
        assertThat(pendingMultipartUploads()).isZero();
        assertThat(listed(storage)).isEmpty();
    }

    @Test
    void contentThatBreaksOffAfterSeveralPartsLeavesNoPendingUpload() throws Exception {
        var storage = storage();
        InputStream broken =
                new SequenceInputStream(new ByteArrayInputStream(pattern(2 * PART + 1000)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset by the browser");
                    }
                });
        assertThatThrownBy(() -> storage.store(broken, 104_857_600L)).hasMessageContaining("connection reset");
        assertThat(objectKeys()).isEmpty();
        assertThat(pendingMultipartUploads()).isZero();
    }

    @Test
    void anUnfinishedMultipartUploadIsListedAsPartialAndDeletingItAbortsIt() throws Exception {
        var storage = storage();
        // What an instance that died in the middle of an upload leaves behind.
        String key = UUID.randomUUID().toString();
        String uploadId = s3.createMultipartUpload(
                        request -> request.bucket(bucket).key("attachments/" + key))
                .uploadId();
        s3.uploadPart(
                request -> request.bucket(bucket)
                        .key("attachments/" + key)
                        .uploadId(uploadId)
                        .partNumber(1),
                RequestBody.fromBytes(pattern(PART)));

        assertThat(listed(storage))
                .extracting(AttachmentStorage.StoredObject::key)
                .containsExactly(key + ".partial");
        storage.delete(key + ".partial");
        assertThat(pendingMultipartUploads()).isZero();
        assertThat(listed(storage)).isEmpty();
    }

    @Test
    void objectsThatAreNotOursAreNeverListedSoNeverSwept() throws Exception {
        var storage = storage();
        var stored = storage.store(new ByteArrayInputStream(new byte[] {1}), 10);
        // Another application sharing the bucket, and a file someone dropped into our folder.
        s3.putObject(request -> request.bucket(bucket).key("invoices/2026.pdf"), RequestBody.fromString("x"));
        s3.putObject(request -> request.bucket(bucket).key("attachments/README.txt"), RequestBody.fromString("x"));
        s3.putObject(request -> request.bucket(bucket).key(UUID.randomUUID().toString()), RequestBody.fromString("x"));

        assertThat(listed(storage))
                .extracting(AttachmentStorage.StoredObject::key)
                .containsExactly(stored.key());
    }

    @Test
    void listingGoesThroughEveryPage() throws Exception {
        var storage = storage();
        // S3 lists at most 1,000 keys per request; 1,001 files need a second page.
        List<String> keys = new ArrayList<>();
        var executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                futures.add(executor.submit(() -> storage.store(new ByteArrayInputStream(new byte[] {1}), 10)
                        .key()));
            }
            for (Future<String> future : futures) {
                keys.add(future.get());
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(listed(storage))
                .extracting(AttachmentStorage.StoredObject::key)
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void uploadsBeyondTheBuffersWaitTheirTurn() throws Exception {
        var storage = storage("", 1);
        var executor = Executors.newFixedThreadPool(3);
        try {
            List<Future<AttachmentStorage.StoredFile>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] content = pattern(PART + 1000 * i);
                futures.add(executor.submit(() -> storage.store(new ByteArrayInputStream(content), 104_857_600L)));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(futures.get(i).get().size()).isEqualTo(PART + 1000 * i);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(objectKeys()).hasSize(3).allSatisfy(key -> assertThat(key).doesNotContain("/"));
    }
}
