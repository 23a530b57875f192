package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The idle timeout counts the person's own actions: the bell's polling does not keep a session alive. */
@IntegrationTest
class IdleSessionTest {

    private static final Duration POLL = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The bell polls every 15 s for this long; every poll is answered while the session lasts. */
    private void pollTheBellFor(HttpUser tab, Duration duration) {
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(duration) < 0; elapsed = elapsed.plus(POLL)) {
            clock.advance(POLL);
            int status = tab.get("/notifications/cloche", "HX-Request", "true").status();
            if (elapsed.plus(POLL).compareTo(Duration.ofMinutes(30)) < 0) {
                assertThat(status).as("poll after %s", elapsed.plus(POLL)).isEqualTo(200);
            }
        }
    }

    @Test
    void tabThatOnlyPollsForThirtyOneMinutesLandsOnTheLoginPageAtTheNextClick() {
        TestUser user = directory.collaborator();
        HttpUser tab = new HttpUser(port).signedIn(user.email(), user.password());
        assertThat(tab.get("/").status()).isEqualTo(200);

        pollTheBellFor(tab, Duration.ofMinutes(31));

        assertThat(tab.get("/entreprises").location()).isEqualTo("/login");
    }

    @Test
    void personWhoActsWithinThirtyMinutesStaysSignedInWhileTheBellPolls() {
        TestUser user = directory.collaborator();
        HttpUser tab = new HttpUser(port).signedIn(user.email(), user.password());
        assertThat(tab.get("/").status()).isEqualTo(200);

        pollTheBellFor(tab, Duration.ofMinutes(20));
        assertThat(tab.get("/entreprises").status()).isEqualTo(200);
        pollTheBellFor(tab, Duration.ofMinutes(20));

        assertThat(tab.get("/entreprises").status()).isEqualTo(200);
    }
}
