package fr.portail.messages.attachment;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Attachments in an S3-compatible bucket, each object under {@code prefix + key} where the key is a generated UUID
 * (the same key the directory storage would use, so the database never depends on the storage chosen).
 *
 * <p>Uploads stream: the content is cut into parts of {@code partSize} bytes, each part read into a buffer taken from a
 * small pool of direct (off-heap) buffers and sent as one part of a multipart upload; content smaller than one part
 * is sent with a single PutObject. So an upload holds at most one part in memory, never in the heap, and all uploads
 * together at most {@code uploadBuffers × partSize}. The object only appears in the bucket when the multipart upload
 * completes; a refused or failed upload is aborted, which discards its parts.
 *
 * <p>Every S3 error surfaces as an {@link IOException}, as a file system error would.
 */
class S3AttachmentStorage implements AttachmentStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3AttachmentStorage.class);

    /** How much of the content is read at a time while it is copied into a part buffer and hashed. */
    private static final int CHUNK = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final PartBuffers buffers;

    S3AttachmentStorage(S3Client s3, String bucket, String prefix, int partSize, int uploadBuffers) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
        this.buffers = new PartBuffers(partSize, uploadBuffers);
    }

    /** The storage for the configured bucket, with its own client. */
    static S3AttachmentStorage connect(AttachmentStorageProperties.S3 settings) {
        return new S3AttachmentStorage(
                client(settings),
                settings.bucket(),
                settings.keyPrefix(),
                (int) settings.partSize().toBytes(),
                settings.uploadBuffers());
    }

    static S3Client client(AttachmentStorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .forcePathStyle(settings.pathStyle())
                // Over plain HTTP (a MinIO next to the application) the SDK signs the body; in aws-chunked encoding it
                // would copy every 128 KB chunk into a new array, 1.1 bytes of garbage per byte uploaded. Unchunked, it
                // hashes the part where it lies (re-read through the content provider) and streams it: ~2 MB of heap
                // allocated per 100 MB file. Over HTTPS the payload is not signed and nothing changes.
                .serviceConfiguration(configuration -> configuration.chunkedEncodingEnabled(false))
                // Flexible checksums only where the API requires them: many S3-compatible stores reject or mishandle
                // the CRC trailers the SDK adds by default (multipart completions fail on some). Integrity is kept by
                // TLS or, over plain HTTP, by the signed payload; the SHA-256 we record covers the whole file.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.region() != null && !settings.region().isBlank()) {
            builder.region(Region.of(settings.region().strip()));
        } else if (settings.endpoint() != null) {
            // Self-hosted stores ignore the region but SigV4 needs one; us-east-1 is what they all accept.
            builder.region(Region.US_EAST_1);
        }
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        }
        // Without an access key the builder uses the SDK's default credentials chain.
        return builder.build();
    }

    @Override
    public StoredFile store(InputStream content, long maxBytes) throws IOException {
        String key = StorageKeys.generate();
        String objectKey = prefix + key;
        MessageDigest sha256 = sha256();
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buffer = buffers.acquire();
        String uploadId = null;
        try {
            long size = fill(buffer, content, chunk, sha256, 0, maxBytes);
            if (buffer.hasRemaining()) {
                // The whole content fitted in one part: one request, nothing to clean up if it fails.
                buffer.flip();
                s3.putObject(
                        request -> request.bucket(bucket).key(objectKey).contentLength((long) buffer.remaining()),
                        body(buffer));
                return new StoredFile(key, size, HexFormat.of().formatHex(sha256.digest()));
            }
            uploadId = s3.createMultipartUpload(
                            request -> request.bucket(bucket).key(objectKey))
                    .uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            while (true) {
                buffer.flip();
                parts.add(uploadPart(objectKey, uploadId, parts.size() + 1, buffer));
                buffer.clear();
                size = fill(buffer, content, chunk, sha256, size, maxBytes);
                if (buffer.position() == 0) {
                    break;
                }
                if (buffer.hasRemaining()) {
                    buffer.flip();
                    parts.add(uploadPart(objectKey, uploadId, parts.size() + 1, buffer));
                    break;
                }
            }
            String id = uploadId;
            s3.completeMultipartUpload(request ->
                    request.bucket(bucket).key(objectKey).uploadId(id).multipartUpload(upload -> upload.parts(parts)));
            return new StoredFile(key, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (SdkException e) {
            IOException failure = failure("store", objectKey, e);
            if (uploadId != null) {
                abort(objectKey, uploadId, failure);
            }
            throw failure;
        } catch (IOException | RuntimeException e) {
            if (uploadId != null) {
                abort(objectKey, uploadId, e);
            }
            throw e;
        } finally {
            buffers.release(buffer);
        }
    }

    /**
     * Reads {@code content} into {@code buffer} until it is full or the content ends, hashing what it reads.
     *
     * @param sizeSoFar the bytes of the content read before this call
     * @return the bytes of the content read so far
     * @throws FileTooLargeException as soon as the content exceeds {@code maxBytes}
     */
    private static long fill(
            ByteBuffer buffer, InputStream content, byte[] chunk, MessageDigest sha256, long sizeSoFar, long maxBytes)
            throws IOException {
        long size = sizeSoFar;
        while (buffer.hasRemaining()) {
            int read = content.read(chunk, 0, Math.min(chunk.length, buffer.remaining()));
            if (read == -1) {
                break;
            }
            size += read;
            if (size > maxBytes) {
                throw new FileTooLargeException();
            }
            sha256.update(chunk, 0, read);
            buffer.put(chunk, 0, read);
        }
        return size;
    }

    private CompletedPart uploadPart(String objectKey, String uploadId, int number, ByteBuffer part) {
        String eTag = s3.uploadPart(
                        request -> request.bucket(bucket)
                                .key(objectKey)
                                .uploadId(uploadId)
                                .partNumber(number)
                                .contentLength((long) part.remaining()),
                        body(part))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    /** The buffer's remaining bytes as a body the SDK can read twice (signing, retries) without copying them. */
    private static RequestBody body(ByteBuffer content) {
        ByteBuffer view = content.asReadOnlyBuffer();
        return RequestBody.fromContentProvider(
                () -> new ByteBufferInputStream(view.duplicate()), view.remaining(), "application/octet-stream");
    }

    private void abort(String objectKey, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(
                    request -> request.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException e) {
            // The sweep aborts it later (it lists pending uploads as ".partial" files); keep the original error.
            cause.addSuppressed(e);
            log.warn("Could not abort the multipart upload of {}: {}", objectKey, e.getMessage());
        }
    }

    @Override
    public Resource open(String key) throws IOException {
        if (StorageKeys.isPartial(StorageKeys.require(key))) {
            throw new FileNotFoundException(key); // an unfinished upload has no object to read
        }
        String objectKey = prefix + key;
        try {
            return new S3ObjectResource(
                    s3,
                    bucket,
                    objectKey,
                    s3.headObject(request -> request.bucket(bucket).key(objectKey)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new FileNotFoundException(key);
            }
            throw failure("open", objectKey, e);
        } catch (SdkException e) {
            throw failure("open", objectKey, e);
        }
    }

    /**
     * Deletes the object; for a {@code ".partial"} key, aborts the unfinished multipart uploads of that key (what the
     * sweep finds when an instance died in the middle of an upload).
     */
    @Override
    public void delete(String key) throws IOException {
        boolean partial = StorageKeys.isPartial(StorageKeys.require(key));
        String objectKey = prefix + StorageKeys.withoutPartial(key);
        try {
            if (partial) {
                for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                                request -> request.bucket(bucket).prefix(objectKey))
                        .uploads()) {
                    if (upload.key().equals(objectKey)) {
                        s3.abortMultipartUpload(
                                request -> request.bucket(bucket).key(objectKey).uploadId(upload.uploadId()));
                    }
                }
            } else {
                // S3 answers a delete of a missing key with success: idempotent as the contract wants.
                s3.deleteObject(request -> request.bucket(bucket).key(objectKey));
            }
        } catch (SdkException e) {
            throw failure("delete", objectKey, e);
        }
    }

    /**
     * Lists the objects under the prefix, then the unfinished multipart uploads as {@code "key.partial"}. Objects whose
     * name is not a generated key are not ours (the bucket or prefix may be shared) and are never reported, so that
     * the sweep never deletes them.
     */
    @Override
    public void forEach(Consumer<StoredObject> visitor) throws IOException {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(bucket).prefix(prefix))
                    .contents()) {
                String key = object.key().substring(prefix.length());
                if (StorageKeys.isGenerated(key)) {
                    visitor.accept(new StoredObject(key, object.lastModified()));
                }
            }
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                            request -> request.bucket(bucket).prefix(prefix))
                    .uploads()) {
                String key = upload.key().substring(prefix.length());
                if (StorageKeys.isGenerated(key)) {
                    Instant initiated = upload.initiated() == null ? Instant.now() : upload.initiated();
                    visitor.accept(new StoredObject(key + StorageKeys.PARTIAL, initiated));
                }
            }
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private IOException failure(String action, String objectKey, SdkException e) {
        return failure(bucket, action, objectKey, e);
    }

    static IOException failure(String bucket, String action, String objectKey, SdkException e) {
        return new IOException(
                "S3 " + action + " of s3://" + bucket + "/" + objectKey + " failed: " + e.getMessage(), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
