package fr.portail.messages.attachment;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One object, for streaming to a response. Its length comes from the HeadObject made when it was opened, so
 * Spring's Range support needs no download to compute regions. The content is fetched only when read, and a skip
 * before the first read (how Spring serves a range) becomes a ranged GetObject: a resumed download does not read
 * the bytes it skips.
 */
final class S3ObjectResource extends AbstractResource {

    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private final HeadObjectResponse head;

    S3ObjectResource(S3Client s3, String bucket, String objectKey, HeadObjectResponse head) {
        this.s3 = s3;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.head = head;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public long contentLength() {
        return head.contentLength();
    }

    @Override
    public long lastModified() {
        return head.lastModified() == null ? 0 : head.lastModified().toEpochMilli();
    }

    @Override
    public InputStream getInputStream() {
        return new ObjectInputStream(objectKey, head.contentLength(), head.eTag());
    }

    @Override
    public String getDescription() {
        return "S3 object s3://" + bucket + "/" + objectKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof S3ObjectResource that && that.bucket.equals(bucket) && that.objectKey.equals(objectKey);
    }

    @Override
    public int hashCode() {
        return objectKey.hashCode();
    }

    /** An object's bytes from {@code position} on, fetched at the first read. */
    private final class ObjectInputStream extends InputStream {

        private final String objectKey;
        private final long length;
        private final String eTag;
        private long position;
        private ResponseInputStream<GetObjectResponse> response;

        ObjectInputStream(String objectKey, long length, String eTag) {
            this.objectKey = objectKey;
            this.length = length;
            this.eTag = eTag;
        }

        @Override
        public long skip(long n) throws IOException {
            if (response != null) {
                long skipped = response.skip(n);
                position += skipped;
                return skipped;
            }
            long skipped = Math.max(0, Math.min(n, length - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int read = opened().read(buffer, offset, count);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public int available() throws IOException {
            return response == null ? 0 : response.available();
        }

        private InputStream opened() throws IOException {
            if (response == null) {
                long from = position;
                try {
                    // If-Match: a resumed download never mixes two versions of an object (keys are never reused,
                    // but a bucket may be written by other tools).
                    response = s3.getObject(request -> {
                        request.bucket(bucket).key(objectKey).ifMatch(eTag);
                        if (from > 0) {
                            request.range("bytes=" + from + "-");
                        }
                    });
                } catch (SdkException e) {
                    throw S3AttachmentStorage.failure(bucket, "read", objectKey, e);
                }
            }
            return response;
        }

        @Override
        public void close() throws IOException {
            if (response != null) {
                if (position < length) {
                    // A range that ends before the object does: abort instead of draining the rest of the body to
                    // reuse the connection.
                    response.abort();
                }
                response.close();
                response = null;
                position = length;
            }
        }
    }
}
