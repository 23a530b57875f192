package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.firm.MailIdentity;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The secret of an account e-mail (a link, a sign-in code) goes to the log with the embedded mail server, so that a
 * first administrator can sign in before any SMTP server exists, and never otherwise.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccountMailerLogTest {

    @Autowired
    AccountMailer withEmbeddedServer;

    @Autowired
    JavaMailSender sender;

    @Autowired
    MessageSource messages;

    @Autowired
    MailIdentity identity;

    @Test
    void theSecretGoesToTheLogWithTheEmbeddedMailServerOnly(CapturedOutput output) {
        String to = TestDirectory.uniqueEmail("log");
        withEmbeddedServer.send(
                to,
                "fr",
                "secondFactor.mail.subject",
                "secondFactor.mail.body",
                new Object[] {"A", "482913", 10},
                "482913");
        assertThat(output.getOut()).contains("e-mail \"Votre code de connexion\" to " + to + ": 482913");

        ObjectProvider<EmbeddedMailServer> none =
                new StaticListableBeanFactory().getBeanProvider(EmbeddedMailServer.class);
        String other = TestDirectory.uniqueEmail("log");
        new AccountMailer(sender, messages, identity, none)
                .send(
                        other,
                        "fr",
                        "secondFactor.mail.subject",
                        "secondFactor.mail.body",
                        new Object[] {"B", "771204", 10},
                        "771204");
        assertThat(output.getOut()).doesNotContain("771204").doesNotContain(other);
    }
}
