package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may be designated, when creating and when adding people later, and what unstarring does: the rules that the
 * property tests cover at random, each shown once by name.
 */
@IntegrationTest
class ParticipantRulesTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationReader reader;

    @Autowired
    ConversationAccess access;

    @Autowired
    DirectoryService directory;

    @Autowired
    PersonAdministration administration;

    @Autowired
    AccessTokens tokens;

    Firm firm;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .administrator("admin")
                .collaborator("alice", "dup")
                .collaborator("bruno")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("marie", List.of("dup"), List.of("dup"))
                .client("luc", List.of("dup"), List.of())
                .client("sophie", List.of("gar"), List.of("gar"))
                .create();
    }

    private UUID entreprise(String author, String... participants) {
        return conversations.create(
                firm.viewer(author),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        java.util.Arrays.stream(participants).map(firm::id).toList(),
                        "Bilan",
                        "<p>Bonjour</p>"));
    }

    private List<UUID> participants(UUID conversation) {
        return reader.open(firm.viewer("alice"), conversation).participants().stream()
                .map(PersonRef::id)
                .toList();
    }

    private ApiClient api(String key) {
        return new ApiClient(port, tokens.create(firm.viewer(key), "rules").value());
    }

    @Test
    void addingParticipantsThroughTheApiJudgesEligibilityAsForTheAuthor() {
        UUID conversation = entreprise("alice", "paul");
        String path = "/api/v1/conversations/" + conversation + "/participants";

        var refused = api("paul").post(path, "{\"userIds\": [\"" + firm.id("sophie") + "\"]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("userIds");
        assertThat(participants(conversation)).doesNotContain(firm.id("sophie"));

        var added = api("paul").post(path, "{\"userIds\": [\"" + firm.id("luc") + "\", \"" + firm.id("bruno") + "\"]}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(participants(conversation)).contains(firm.id("luc"), firm.id("bruno"));

        // Marie has access (she starred Dupont, as did Paul, a client participant) without taking part: she may add.
        assertThat(api("marie")
                        .post(path, "{\"userIds\": [\"" + firm.id("admin") + "\"]}")
                        .status())
                .isEqualTo(200);
        // Sophie has no access: the conversation does not exist for her.
        assertThat(api("sophie")
                        .post(path, "{\"userIds\": [\"" + firm.id("admin") + "\"]}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void addingParticipantsFromThePageShowsTheRefusalAndAddsTheEligible() {
        UUID conversation = entreprise("alice", "paul");
        HttpUser paul = new HttpUser(port).signedIn(firm.email("paul"), TestDirectory.PASSWORD);
        String page = "/conversations/" + conversation;
        String token = HttpUser.csrfToken(paul.get(page));

        var refused = paul.postForm(
                page + "/participants", Map.of("userIds", firm.id("sophie").toString(), "_csrf", token));
        assertThat(refused.location()).isEqualTo(page);
        assertThat(paul.get(page).body())
                .contains("Un des participants choisis ne peut pas participer à cette conversation.");
        assertThat(participants(conversation)).doesNotContain(firm.id("sophie"));

        var added = paul.postForm(
                page + "/participants", Map.of("userIds", firm.id("luc").toString(), "_csrf", token));
        assertThat(added.location()).isEqualTo(page);
        assertThat(paul.get(page).body()).contains("Participants ajoutés.");
        assertThat(participants(conversation)).contains(firm.id("luc"));
    }

    @Test
    void aClientCannotCreateAConfidentialConversationOnAnotherCompany() {
        assertThatThrownBy(() -> conversations.create(
                        firm.viewer("paul"),
                        new NewConversation(
                                ConversationType.CONFIDENTIEL,
                                firm.companyId("gar"),
                                List.of(firm.id("alice")),
                                "Prêt",
                                "<p>Bonjour</p>")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(InvalidInputException.FieldProblem::field)
                                .containsExactly("companyId"));
        assertThat(directory.pickableCompanies(firm.viewer("paul"), firm.suffix()))
                .extracting(c -> c.id())
                .containsExactly(firm.companyId("dup"));
    }

    @Test
    void aCollaboratorCannotDesignateAnotherCompanysClient() {
        assertThatThrownBy(() -> entreprise("alice", "paul", "sophie"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(InvalidInputException.FieldProblem::field)
                                .containsExactly("participantIds"));
        assertThat(reader
                        .eligiblePeople(
                                firm.viewer("alice"), ConversationType.ENTREPRISE, firm.companyId("dup"), firm.suffix())
                        .stream()
                        .map(PersonChoice::id))
                .contains(firm.id("paul"))
                .doesNotContain(firm.id("sophie"));
    }

    @Test
    void deactivatedPeopleAreInNoPickerAndCannotBeDesignated() {
        UUID conversation = entreprise("alice", "paul");
        administration.deactivate(firm.viewer("admin"), firm.id("luc"));
        administration.deactivate(firm.viewer("admin"), firm.id("bruno"));

        for (ConversationType type : ConversationType.values()) {
            assertThat(reader.eligiblePeople(firm.viewer("alice"), type, firm.companyId("dup"), firm.suffix()).stream()
                            .map(PersonChoice::id))
                    .as("the %s picker", type)
                    .contains(firm.id("marie"))
                    .doesNotContain(firm.id("luc"), firm.id("bruno"));
        }
        assertThat(reader.eligibleNewParticipants(firm.viewer("alice"), conversation, firm.suffix()).stream()
                        .map(PersonChoice::id))
                .contains(firm.id("marie"))
                .doesNotContain(firm.id("luc"), firm.id("bruno"));
        assertThatThrownBy(() ->
                        conversations.addParticipants(firm.viewer("alice"), conversation, List.of(firm.id("luc"))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aClientWhoUnstarsLosesTheConversationsSeenThroughTheStar() {
        UUID conversation = entreprise("alice", "paul");
        assertThat(access.isAccessible(firm.id("marie"), conversation)).isTrue();

        directory.unstar(firm.viewer("marie"), firm.companyId("dup"));
        assertThat(access.isAccessible(firm.id("marie"), conversation)).isFalse();

        directory.star(firm.viewer("marie"), firm.companyId("dup"));
        assertThat(access.isAccessible(firm.id("marie"), conversation)).isTrue();
    }

    @Test
    void whenTheStarringClientParticipantUnstarsTheOtherClientsLoseAccessButNotHim() {
        UUID conversation = entreprise("alice", "paul");
        assertThat(access.isAccessible(firm.id("marie"), conversation)).isTrue();

        directory.unstar(firm.viewer("paul"), firm.companyId("dup"));
        assertThat(access.isAccessible(firm.id("marie"), conversation))
                .as("Marie still starred Dupont, but no client participant does any more")
                .isFalse();
        assertThat(access.isAccessible(firm.id("paul"), conversation))
                .as("Paul takes part")
                .isTrue();
        assertThat(access.isAccessible(firm.id("alice"), conversation)).isTrue();

        directory.star(firm.viewer("paul"), firm.companyId("dup"));
        assertThat(access.isAccessible(firm.id("marie"), conversation)).isTrue();
    }
}
