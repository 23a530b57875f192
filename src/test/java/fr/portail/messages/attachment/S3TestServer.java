package fr.portail.messages.attachment;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server inside the test JVM: s3proxy on a loopback port, keeping its buckets in a directory under
 * {@code target/}, with SigV4 authentication on so that the client's signing is exercised too. One server for the
 * whole test run, started on first use; each test takes a fresh bucket.
 */
final class S3TestServer {

    static final String ACCESS_KEY = "messages-test";
    static final String SECRET_KEY = "messages-test-secret";

    private static S3TestServer instance;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3TestServer() throws Exception {
        Path root = Path.of(System.getProperty("messages.test-data-dir", "target/test-data"))
                .resolve("s3proxy-" + UUID.randomUUID());
        Files.createDirectories(root);
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await("s3proxy started")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> "STARTED".equals(proxy.getState()) || "FAILED".equals(proxy.getState()));
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("s3proxy is " + proxy.getState());
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = S3AttachmentStorage.client(settings("unused", ""));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "s3proxy-stop"));
    }

    /** The server, started on first use. */
    static synchronized S3TestServer get() {
        if (instance == null) {
            try {
                instance = new S3TestServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not start", e);
            }
        }
        return instance;
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client of this server, for looking at a bucket behind the storage's back. */
    S3Client client() {
        return client;
    }

    /** Creates a new empty bucket. */
    String newBucket() {
        String bucket = "messages-" + UUID.randomUUID().toString().substring(0, 18);
        client.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** The application's settings for a bucket of this server. */
    AttachmentStorageProperties.S3 settings(String bucket, String prefix) {
        return new AttachmentStorageProperties.S3(
                bucket,
                endpoint,
                "eu-west-3",
                ACCESS_KEY,
                SECRET_KEY,
                true,
                prefix,
                AttachmentStorageProperties.S3.MIN_PART_SIZE,
                4);
    }

    private void stop() {
        try {
            client.close();
            proxy.stop();
        } catch (Exception ignored) {
            // The JVM is exiting.
        }
    }
}
