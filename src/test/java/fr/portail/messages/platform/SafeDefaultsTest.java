package fr.portail.messages.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A production start never has default credentials, and never catches its e-mails by accident. */
class SafeDefaultsTest {

    @Test
    void externalDatabaseWithoutMailHostRefusesToStartNamingTheProperty() {
        var production = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/messages");

        assertThatThrownBy(() -> EmbeddedMailConfiguration.refuseToCaptureProductionMail(production))
                .isInstanceOf(StartupRefusal.class)
                .hasMessageStartingWith("spring.mail.host is not set")
                .hasMessageNotContaining("\n");
        assertThatCode(() -> EmbeddedMailConfiguration.refuseToCaptureProductionMail(
                        production.withProperty("messages.mail.capture", "true")))
                .doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedMailConfiguration.refuseToCaptureProductionMail(new MockEnvironment()))
                .as("the project's own run, on the embedded database")
                .doesNotThrowAnyException();
    }

    @Test
    void dockerImageStartsWithoutTheDemoFirm() throws Exception {
        assertThat(Files.readString(Path.of("Dockerfile"))).containsPattern("(?m)^ENV .*MESSAGES_DEMO_DATA=false");
    }

    @Test
    void dockerComposeNeedsAnAdministratorPasswordAndKeepsMailpitLocal() throws Exception {
        String compose = Files.readString(Path.of("docker-compose.yml"));

        assertThat(compose).contains("MESSAGES_BOOTSTRAP_ADMIN_PASSWORD: ${MESSAGES_BOOTSTRAP_ADMIN_PASSWORD:?");
        assertThat(compose).contains("\"127.0.0.1:8025:8025\"").doesNotContain("- \"8025:8025\"");
    }
}
