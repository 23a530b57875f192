package fr.portail.messages.attachment;

import fr.portail.messages.platform.MessagesProperties;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory storage under {@code messages.data-dir/attachments}. */
@Configuration(proxyBeanMethods = false)
class AttachmentStorageConfiguration {

    @Bean
    AttachmentStorage attachmentStorage(MessagesProperties properties) throws IOException {
        return new FileSystemAttachmentStorage(properties.dataDir().resolve("attachments"));
    }
}
