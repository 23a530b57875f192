package fr.portail.messages.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A second instance next to the first: the embedded SMTP server moves to a free port when the default one is taken,
 * and a port set explicitly that is taken stops the start-up with one message naming the property.
 */
class EmbeddedMailServerPortTest {

    @Test
    void withoutAPortSetItStartsEvenWhenTheDefaultPortIsTaken() throws Exception {
        try (var holder = holdDefaultPortIfFree();
                var server = new EmbeddedMailServer(null, 0, "replies.test", true)) {
            assertThat(server.port()).isPositive();
            if (holder != null) {
                assertThat(server.port()).isNotEqualTo(EmbeddedMailServer.DEFAULT_PORT);
            }
        }
    }

    @Test
    void anExplicitPortThatIsTakenFailsWithOneMessageNamingTheProperty() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new EmbeddedMailServer(port, 0, "replies.test", true))
                    .isInstanceOf(StartupRefusal.class)
                    .hasMessageStartingWith("messages.embedded-smtp.port=" + port + " is already in use")
                    .hasMessageNotContaining("\n")
                    .satisfies(refusal ->
                            assertThat(((StartupRefusal) refusal).action()).contains("messages.embedded-smtp.port"));
        }
    }

    /** Holds port 3025 for the test when nobody else does (another application may already hold it: fine too). */
    private static ServerSocket holdDefaultPortIfFree() {
        try {
            return new ServerSocket(EmbeddedMailServer.DEFAULT_PORT, 50, InetAddress.getByName("127.0.0.1"));
        } catch (java.io.IOException taken) {
            return null;
        }
    }
}
