package fr.portail.messages.platform;

import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/** Without {@code spring.mail.host}, e-mails go to an embedded SMTP server whose mails administrators can read. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMailConfiguration.NoMailHost.class)
class EmbeddedMailConfiguration {

    @Bean
    EmbeddedMailServer embeddedMailServer(MessagesProperties properties) {
        return new EmbeddedMailServer(properties.embeddedSmtp().port());
    }

    @Bean
    @ConditionalOnMissingBean
    JavaMailSender javaMailSender(EmbeddedMailServer server) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.port());
        sender.setDefaultEncoding("UTF-8");
        Properties javaMail = sender.getJavaMailProperties();
        javaMail.put("mail.smtp.connectiontimeout", "5000");
        javaMail.put("mail.smtp.timeout", "10000");
        javaMail.put("mail.smtp.writetimeout", "10000");
        return sender;
    }

    static class NoMailHost implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
        }
    }
}
