package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/** Sessions live in PostgreSQL; their last access is written when it moves by a minute or more, not on every request. */
@IntegrationTest
class QuietSessionRepositoryTest {

    QuietSessionRepository sessions;

    @Autowired
    void sessions(FindByIndexNameSessionRepository<? extends Session> repository) {
        assertThat(repository).isInstanceOf(QuietSessionRepository.class);
        sessions = (QuietSessionRepository) repository;
    }

    @Test
    void theLastAccessIsWrittenOnlyOnceItIsAMinuteOld() {
        var created = sessions.createSession();
        created.setAttribute("kept", "value");
        sessions.save(created);
        Instant stored = sessions.findById(created.getId()).getLastAccessedTime();

        var seconds = sessions.findById(created.getId());
        seconds.setLastAccessedTime(stored.plusSeconds(59));
        sessions.save(seconds);
        assertThat(sessions.findById(created.getId()).getLastAccessedTime()).isEqualTo(stored);

        var minute = sessions.findById(created.getId());
        minute.setLastAccessedTime(stored.plus(QuietSessionRepository.LAST_ACCESS_PRECISION));
        sessions.save(minute);
        var reloaded = sessions.findById(created.getId());
        assertThat(reloaded.getLastAccessedTime().truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(stored.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS));
        assertThat(reloaded.<String>getAttribute("kept")).isEqualTo("value");
        sessions.deleteById(created.getId());
        assertThat(sessions.findById(created.getId())).isNull();
    }

    @Test
    void otherChangesAreWrittenAtOnce() {
        var created = sessions.createSession();
        sessions.save(created);
        var changed = sessions.findById(created.getId());
        changed.setAttribute("added", 42);
        changed.setMaxInactiveInterval(Duration.ofMinutes(5));
        sessions.save(changed);
        var reloaded = sessions.findById(created.getId());
        assertThat(reloaded.<Integer>getAttribute("added")).isEqualTo(42);
        assertThat(reloaded.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
        sessions.deleteById(created.getId());
    }

    @Test
    void twoRequestsAddingTheSameAttributeAtOnceBothSucceedAndTheLastWins() {
        var created = sessions.createSession();
        sessions.save(created);
        var first = sessions.findById(created.getId());
        var second = sessions.findById(created.getId());
        first.setAttribute("token", "first");
        second.setAttribute("token", "second");
        sessions.save(first);
        sessions.save(second);
        assertThat(sessions.findById(created.getId()).<String>getAttribute("token"))
                .isEqualTo("second");
        sessions.deleteById(created.getId());
    }

    @Test
    void thePersonReadWithTheSessionIsNeitherListedNorWritable() {
        var created = sessions.createSession();
        assertThat(created.getAttributeNames()).doesNotContain(SessionPerson.ATTRIBUTE);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> created.setAttribute(SessionPerson.ATTRIBUTE, "forged"));
    }
}
