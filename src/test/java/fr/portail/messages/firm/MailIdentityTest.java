package fr.portail.messages.firm;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.platform.MessagesProperties;
import fr.portail.messages.platform.StartupRefusal;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The sender of every e-mail: its address, display names, Message-ID domain, and the start-up refusal without it. */
class MailIdentityTest {

    private static final FirmIdentity FIRM =
            new FirmIdentity("Cabinet Durand & Fils", "#7a1f3d", "contact@durand.example", "RCS Lyon", 0);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MessagesProperties.class, SenderProperties.class})
    static class Properties {}

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, MailIdentity.class)
                .withBean(FirmIdentityService.class, () -> fixed(FIRM));
    }

    @Test
    void aRealSmtpServerWithoutSenderStopsTheStartWithOneLineNamingTheProperty() {
        runner().withPropertyValues("spring.mail.host=smtp.cabinet.example").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = analyse(failure);
            assertThat(analysis.getDescription())
                    .startsWith("messages.mail.from is not set")
                    .contains("spring.mail.host")
                    .doesNotContain("\n");
            assertThat(analysis.getAction()).contains("MESSAGES_MAIL_FROM");
        });
    }

    @Test
    void aSenderThatIsNotABareAddressStopsTheStartToo() {
        runner().withPropertyValues(
                        "spring.mail.host=smtp.cabinet.example", "messages.mail.from=Cabinet <messages@durand.example>")
                .run(context -> assertThat(analyse(context.getStartupFailure()).getDescription())
                        .startsWith("messages.mail.from is not an e-mail address"));
    }

    @Test
    void theConfiguredAddressSendsAndNamesTheMessageIds() {
        runner().withPropertyValues(
                        "spring.mail.host=smtp.cabinet.example", "messages.mail.from=messages@durand.example")
                .run(context -> {
                    MailIdentity identity = context.getBean(MailIdentity.class);
                    assertThat(identity.address()).isEqualTo("messages@durand.example");
                    assertThat(identity.messageId("4f1c.notification")).isEqualTo("<4f1c.notification@durand.example>");
                    assertThat(identity.sender("Anne Martin").getPersonal())
                            .isEqualTo("Anne Martin via Cabinet Durand & Fils");
                    assertThat(identity.sender("Anne Martin").getAddress()).isEqualTo("messages@durand.example");
                    assertThat(identity.systemSender().getPersonal()).isEqualTo("Cabinet Durand & Fils");
                    // Encoded for the header, never raw UTF-8 or a second line.
                    assertThat(identity.sender("Zoë\r\nBcc: x@evil.example").toString())
                            .doesNotContain("\r")
                            .doesNotContain("\n");
                    assertThat(identity.sender("Zoë\r\nBcc: x@evil.example").getPersonal())
                            .isEqualTo("Zoë Bcc: x@evil.example via Cabinet Durand & Fils");
                });
    }

    @Test
    void withTheEmbeddedMailServerTheSenderDefaultsToTheHostOfThePublicUrl() {
        runner().withPropertyValues("messages.public-url=https://messages.durand.example/")
                .run(context -> {
                    MailIdentity identity = context.getBean(MailIdentity.class);
                    assertThat(identity.address()).isEqualTo("no-reply@messages.durand.example");
                    assertThat(identity.domain()).isEqualTo("messages.durand.example");
                });
    }

    @Test
    void aNewFirmSendsUnderTheNeutralName() {
        var identity = new MailIdentity(
                new SenderProperties("messages@durand.example"),
                new org.springframework.boot.context.properties.bind.Binder()
                        .bindOrCreate("messages", MessagesProperties.class),
                new org.springframework.mock.env.MockEnvironment(),
                fixed(FirmIdentity.NEUTRAL));
        assertThat(identity.sender("Anne Martin").getPersonal()).isEqualTo("Anne Martin via Messages");
        assertThat(identity.systemSender().getPersonal()).isEqualTo("Messages");
    }

    /** What Boot prints for this failure, through the analyzers registered in spring.factories. */
    private static FailureAnalysis analyse(Throwable failure) {
        assertThat(rootCause(failure)).isInstanceOf(StartupRefusal.class);
        // Analyzers that need constructor arguments are skipped: only ours matters here.
        return SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                        FailureAnalyzer.class,
                        SpringFactoriesLoader.ArgumentResolver.none(),
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, error) -> {}))
                .stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(analysis -> analysis != null && analysis.getCause() instanceof StartupRefusal)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failure analyzer for " + failure));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static FirmIdentityService fixed(FirmIdentity identity) {
        return new FirmIdentityService(null, null, Clock.systemUTC()) {
            @Override
            public FirmIdentity current() {
                return identity;
            }
        };
    }
}
