package fr.portail.messages.attachment;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where attachment files are kept ({@code messages.attachments.*}). The directory under {@code messages.data-dir} is
 * the default; {@code storage=s3} selects an S3-compatible bucket, for deployments with several instances.
 *
 * @param storage {@code filesystem} (default) or {@code s3}
 * @param s3 the bucket, used when {@code storage=s3}
 */
@ConfigurationProperties("messages.attachments")
record AttachmentStorageProperties(
        @DefaultValue("filesystem") Kind storage,
        @DefaultValue S3 s3) {

    AttachmentStorageProperties {
        // Checked while binding, so that a wrong configuration stops the start with Boot's failure report naming the
        // property instead of failing on the first upload.
        if (storage == Kind.S3) {
            s3.validate();
        }
    }

    /** The storage implementations. */
    enum Kind {
        FILESYSTEM,
        S3
    }

    /**
     * An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage, Scaleway, OVH, …).
     *
     * @param bucket the bucket, which must exist; required with {@code storage=s3}
     * @param endpoint the service URL for a store other than AWS (for example {@code http://minio:9000}); unset: AWS
     * @param region the signing region; unset: the SDK's region chain ({@code AWS_REGION}, profile, instance
     *     metadata), or {@code us-east-1} when an endpoint is given
     * @param accessKey the access key id; unset: the SDK's default credentials chain (environment, profile, container
     *     or instance role)
     * @param secretKey the secret access key, given together with {@code accessKey}
     * @param pathStyle address the bucket as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
     *     (MinIO and most self-hosted stores need it)
     * @param prefix a folder inside the bucket for the files (for example {@code attachments}); empty: the bucket root
     * @param partSize the size of one part of a multipart upload, and so of one upload buffer (at least 5 MB, the S3
     *     minimum); smaller files are sent in one request
     * @param uploadBuffers how many uploads may stream at once; each holds one buffer of {@code partSize} outside the
     *     heap, further uploads wait for a free one
     */
    record S3(
            String bucket,
            URI endpoint,
            String region,
            String accessKey,
            String secretKey,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("") String prefix,
            @DefaultValue("8MB") DataSize partSize,
            @DefaultValue("8") int uploadBuffers) {

        /** The smallest part S3 accepts in a multipart upload (the last part excepted). */
        static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);

        void validate() {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException(
                        "messages.attachments.s3.bucket is required when messages.attachments.storage=s3");
            }
            if (blank(accessKey) != blank(secretKey)) {
                throw new IllegalArgumentException("messages.attachments.s3.access-key and "
                        + "messages.attachments.s3.secret-key go together: give both, or neither to use the "
                        + "default AWS credentials chain");
            }
            if (partSize.compareTo(MIN_PART_SIZE) < 0 || partSize.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "messages.attachments.s3.part-size must be at least 5MB and less than 2GB");
            }
            if (uploadBuffers < 1) {
                throw new IllegalArgumentException("messages.attachments.s3.upload-buffers must be at least 1");
            }
        }

        /** The prefix as a folder: empty, or ending with one slash. */
        String keyPrefix() {
            String folder = prefix == null ? "" : prefix.strip();
            while (folder.startsWith("/")) {
                folder = folder.substring(1);
            }
            return folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
