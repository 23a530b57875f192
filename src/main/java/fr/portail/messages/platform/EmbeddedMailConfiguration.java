package fr.portail.messages.platform;

import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * The embedded mail server runs without {@code spring.mail.host} (it then receives every e-mail the application
 * sends) and without {@code messages.mail.inbound.host} (it then holds the mailbox of the replies, even when the
 * outgoing e-mails go to a real SMTP server).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMailConfiguration.EmbeddedServerNeeded.class)
class EmbeddedMailConfiguration {

    @Bean
    EmbeddedMailServer embeddedMailServer(MessagesProperties properties, ReplyMailProperties mail) {
        return new EmbeddedMailServer(
                properties.embeddedSmtp().port(),
                properties.embeddedSmtp().imapPortOrDefault(),
                mail.replyDomain(properties.publicUrl()));
    }

    /**
     * With an external database (a production start) e-mails must reach people: catching them in memory would leave
     * every invitation and reset link unread, and put them in the log. {@code messages.mail.capture=true} allows it
     * on purpose (a staging server).
     */
    static void refuseToCaptureProductionMail(Environment environment) {
        if (ExternalDatabase.isConfigured(environment)
                && !environment.getProperty("messages.mail.capture", Boolean.class, false)) {
            throw new StartupRefusal(
                    "spring.mail.host is not set: with an external database the application does not catch e-mails "
                            + "in its embedded mail server.",
                    "Set spring.mail.host (environment: SPRING_MAIL_HOST) to the firm's SMTP server, or "
                            + "messages.mail.capture=true to catch e-mails on purpose (a test server).");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoMailHost.class)
    static class EmbeddedSender {
        @Bean
        @ConditionalOnMissingBean
        JavaMailSender javaMailSender(EmbeddedMailServer server, Environment environment) {
            refuseToCaptureProductionMail(environment);
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
    }

    static class NoMailHost implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
        }
    }

    static class EmbeddedServerNeeded implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            boolean readsReplies = !"false".equals(environment.getProperty("messages.mail.inbound.enabled"));
            return !StringUtils.hasText(environment.getProperty("spring.mail.host"))
                    || (readsReplies && !StringUtils.hasText(environment.getProperty("messages.mail.inbound.host")));
        }
    }
}
