package fr.portail.messages.live;

import static fr.portail.messages.support.EventStream.named;
import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationReader;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.EventStream;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import fr.portail.messages.web.BackgroundRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code GET /events} over real HTTP: who receives what, decided by the access rules at the moment of each event.
 * Absence is proven by order, not by waiting: events reach a stream in the order they were committed, so once a
 * later event has arrived, an earlier one that did not will never come.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationReader reader;

    @Autowired
    EventStreams streams;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Firm firm;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("marie", List.of("dup"), List.of("dup"))
                .create();
    }

    @Test
    void aClientRemovedFromTheCompanyStopsReceivingItsEventsAtOnce() {
        UUID bilan = entrepriseWithPaul("Bilan");
        UUID marker = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.PRIVE, null, List.of(firm.id("marie")), "Marqueur", "<p>privé</p>"));
        try (EventStream paul = EventStream.open(signedIn("paul"), null);
                EventStream marie = EventStream.open(signedIn("marie"), null)) {
            assertThat(paul.response().headers().firstValue("X-Accel-Buffering"))
                    .contains("no");
            assertThat(paul.response().headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");

            UUID first = conversations.reply(firm.viewer("alice"), bilan, "<p>Premier</p>", List.of());
            String firstEventId =
                    marie.await(named("message", first.toString()), WAIT).id();
            paul.await(named("notification", bilan.toString()), WAIT);

            firm.changeClient("marie", List.of(), List.of());
            UUID second = conversations.reply(firm.viewer("alice"), bilan, "<p>Après son départ</p>", List.of());
            conversations.reply(firm.viewer("alice"), marker, "<p>Marqueur</p>", List.of());

            paul.await(named("message", second.toString()), WAIT);
            List<EventStream.Event> beforeMarker = marie.receivedBefore(named("message", marker.toString()), WAIT);
            assertThat(beforeMarker)
                    .noneMatch(event ->
                            !event.id().equals(firstEventId) && event.data().contains(bilan.toString()));
        }
    }

    @Test
    void eachEventCarriesIdsOnlyAndTheAuthorIsNotNotified() {
        UUID bilan = entrepriseWithPaul("Sujet secret");
        try (EventStream alice = EventStream.open(signedIn("alice"), null);
                EventStream paul = EventStream.open(signedIn("paul"), null)) {
            UUID reply = conversations.reply(firm.viewer("paul"), bilan, "<p>Texte secret</p>", List.of());
            EventStream.Event message = alice.await(named("message", reply.toString()), WAIT);
            assertThat(message.data())
                    .isEqualTo("{\"conversationId\": \"" + bilan + "\", \"messageId\": \"" + reply + "\"}");
            List<EventStream.Event> aliceBefore = alice.receivedBefore(named("notification", bilan.toString()), WAIT);
            assertThat(aliceBefore).extracting(EventStream.Event::name).containsExactly("inbox");
            // Paul wrote it: message and inbox, no notification, and nothing carries text.
            List<EventStream.Event> paulEvents = paul.receivedBefore(named("inbox", bilan.toString()), WAIT);
            assertThat(paulEvents).extracting(EventStream.Event::name).containsExactly("message");
            assertThat(message.data()).doesNotContain("secret");
        }
    }

    /**
     * The test framework stops the lifecycle of a cached application context while another one runs and starts it
     * again when it is reused: the streams must write again after such a restart (once, they hung without a byte).
     */
    @Test
    void streamsWriteAgainAfterTheApplicationWasStoppedAndStarted() {
        streams.stop();
        streams.start();
        UUID bilan = entrepriseWithPaul("Bilan");
        try (EventStream alice = EventStream.open(signedIn("alice"), null)) {
            UUID reply = conversations.reply(firm.viewer("paul"), bilan, "<p>Après</p>", List.of());
            alice.await(named("message", reply.toString()), WAIT);
        }
    }

    @Test
    void readingNewMessagesTellsTheOthersOnceForTheirVuPar() {
        UUID bilan = entrepriseWithPaul("Bilan");
        try (EventStream alice = EventStream.open(signedIn("alice"), null);
                EventStream paul = EventStream.open(signedIn("paul"), null)) {
            reader.open(firm.viewer("paul"), bilan);
            alice.await(named("read", bilan.toString()), WAIT);
            // Paul's own streams refresh his inbox instead.
            paul.await(named("inbox", bilan.toString()), WAIT);

            reader.open(firm.viewer("paul"), bilan);
            UUID marker = entrepriseWithPaul("Marqueur");
            UUID after = conversations.reply(firm.viewer("paul"), marker, "<p>Après</p>", List.of());
            assertThat(alice.receivedBefore(named("message", after.toString()), WAIT))
                    .extracting(EventStream.Event::name)
                    .doesNotContain("read");
        }
    }

    @Test
    void aReconnectingStreamReceivesWhatItMissedAfterLastEventId() {
        UUID bilan = entrepriseWithPaul("Bilan");
        HttpUser paul = signedIn("paul");
        String lastSeen;
        try (EventStream stream = EventStream.open(paul, null)) {
            UUID first = conversations.reply(firm.viewer("alice"), bilan, "<p>Vu</p>", List.of());
            lastSeen = stream.await(named("message", first.toString()), WAIT).id();
        }
        UUID missed = conversations.reply(firm.viewer("alice"), bilan, "<p>Manqué</p>", List.of());
        try (EventStream stream = EventStream.open(paul, lastSeen)) {
            EventStream.Event replayed = stream.await(named("message", bilan.toString()), WAIT);
            assertThat(replayed.data()).contains(missed.toString());
        }
    }

    @Test
    void aBrowserThatLeftIsForgottenQuietly(CapturedOutput output) {
        UUID bilan = entrepriseWithPaul("Bilan");
        HttpUser paul = signedIn("paul");
        EventStream.open(paul, null).close();
        // Writing to the closed connection fails after a few events; the stream is then forgotten without a word.
        try (EventStream staying = EventStream.open(paul, null)) {
            for (int i = 0; i < 5; i++) {
                UUID reply = conversations.reply(firm.viewer("alice"), bilan, "<p>Encore " + i + "</p>", List.of());
                staying.await(named("message", reply.toString()), WAIT);
            }
        }
        assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("AsyncRequestNotUsable");
    }

    @Test
    void theStreamIsABackgroundRequest() throws Exception {
        var request = new MockHttpServletRequest("GET", "/events");
        var handler = (HandlerMethod) mappings.getHandler(request).getHandler();
        assertThat(handler.hasMethodAnnotation(BackgroundRequest.class)).isTrue();
    }

    /** An Entreprise conversation of Alice's with Paul. */
    private UUID entrepriseWithPaul(String subject) {
        return conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("paul")),
                        subject,
                        "<p>Bonjour</p>"));
    }

    private HttpUser signedIn(String key) {
        return new HttpUser(port).signedIn(firm.email(key), TestDirectory.PASSWORD);
    }
}
