package fr.portail.messages.attachment;

import fr.portail.messages.platform.MessagesProperties;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The directory storage under {@code messages.data-dir/attachments}, and the request limits derived from the one file
 * limit {@link AttachmentService#MAX_FILE_BYTES}.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentStorageConfiguration {

    @Bean
    AttachmentStorage attachmentStorage(MessagesProperties properties) throws IOException {
        return new FileSystemAttachmentStorage(properties.dataDir().resolve("attachments"));
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
