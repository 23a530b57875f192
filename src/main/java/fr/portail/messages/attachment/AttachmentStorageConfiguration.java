package fr.portail.messages.attachment;

import fr.portail.messages.platform.MessagesProperties;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The storage chosen by {@code messages.attachments.storage} — the directory under {@code messages.data-dir/attachments}
 * by default, or an S3-compatible bucket — and the request limits derived from the one file limit
 * {@link AttachmentService#MAX_FILE_BYTES}.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentStorageConfiguration {

    /** The S3 storage closes its client when the context stops (Spring infers {@code close()}). */
    @Bean
    AttachmentStorage attachmentStorage(MessagesProperties properties, AttachmentStorageProperties attachments)
            throws IOException {
        return switch (attachments.storage()) {
            case FILESYSTEM ->
                new FileSystemAttachmentStorage(properties.dataDir().resolve("attachments"));
            case S3 -> S3AttachmentStorage.connect(attachments.s3());
        };
    }

    /**
     * Parts larger than a file may be are refused while they stream in; every part goes to a temporary file at once
     * (threshold 0), so no upload is ever held in the heap. One API request may carry a message with several files.
     */
    @Bean
    MultipartConfigElement multipartConfigElement() {
        var factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(AttachmentService.MAX_FILE_BYTES));
        factory.setMaxRequestSize(DataSize.ofBytes(AttachmentService.MAX_FILE_BYTES * 3));
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
