package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private static final Instant ISSUED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(7));

    private final Invitation invitation = new Invitation("hash", UUID.randomUUID(), ISSUED, EXPIRES);

    @Test
    void worksUntilItExpires() {
        assertThat(invitation.isUsable(ISSUED)).isTrue();
        assertThat(invitation.isUsable(EXPIRES.minusMillis(1))).isTrue();
        assertThat(invitation.isUsable(EXPIRES)).isFalse();
        assertThat(invitation.isUsable(EXPIRES.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void worksOnlyOnce() {
        invitation.use(ISSUED.plusSeconds(60));

        assertThat(invitation.isUsable(ISSUED.plusSeconds(61))).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> invitation.use(ISSUED.plusSeconds(62)));
    }

    @Test
    void cannotBeUsedOnceExpired() {
        assertThatIllegalStateException().isThrownBy(() -> invitation.use(EXPIRES));
    }

    @Test
    void revokedInvitationNoLongerWorks() {
        invitation.revoke(ISSUED.plusSeconds(1));

        assertThat(invitation.isUsable(ISSUED.plusSeconds(2))).isFalse();
    }
}
