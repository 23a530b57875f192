package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The worked consequences of SPEC §2, each its own test, through the real services and database: what each person can
 * open, and what their inbox lists, must agree.
 */
@IntegrationTest
class AccessConsequencesTest {

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    DirectoryService directory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationReader reader;

    @Autowired
    InboxQueries inbox;

    @Autowired
    ConversationAccess access;

    @Autowired
    PersonAdministration administration;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Firm firm;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .administrator("admin", "dup")
                .collaborator("alice", "dup")
                .collaborator("bruno")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("marie", List.of("dup"), List.of("dup"))
                .client("luc", List.of("dup"), List.of())
                .client("sophie", List.of("gar"), List.of("gar"))
                .create();
    }

    private UUID create(String author, ConversationType type, String company, String... participants) {
        return conversations.create(
                firm.viewer(author),
                new NewConversation(
                        type,
                        company == null ? null : firm.companyId(company),
                        java.util.Arrays.stream(participants).map(firm::id).toList(),
                        "Subject",
                        "<p>Hello</p>"));
    }

    /** Opening and listing agree, and both say {@code expected}. */
    private void assertAccess(String person, UUID conversation, boolean expected) {
        Viewer viewer = firm.viewer(person);
        assertThat(access.isAccessible(viewer.id(), conversation))
                .as("%s opens", person)
                .isEqualTo(expected);
        if (expected) {
            assertThat(inboxIds(viewer)).as("%s's inbox", person).contains(conversation);
        } else {
            assertThat(inboxIds(viewer)).as("%s's inbox", person).doesNotContain(conversation);
            assertThatThrownBy(() -> reader.open(viewer, conversation)).isInstanceOf(NotFoundException.class);
        }
    }

    private List<UUID> inboxIds(Viewer viewer) {
        return inbox.inbox(viewer, InboxFilter.none(), null).items().stream()
                .map(InboxPage.Item::id)
                .toList();
    }

    @Test
    void enterpriseConversationBetweenCollaboratorsOnlyIsInternalToTheFirm() {
        UUID internal = create("alice", ConversationType.ENTREPRISE, "dup", "bruno");
        assertAccess("alice", internal, true);
        assertAccess("bruno", internal, true);
        assertAccess("paul", internal, false);
        assertAccess("marie", internal, false);
        assertAccess("luc", internal, false);
    }

    @Test
    void onceAClientParticipantStarredTheCompanyEveryClientWhoStarredItSeesTheEnterpriseConversation() {
        UUID withPaul = create("alice", ConversationType.ENTREPRISE, "dup", "paul");
        assertAccess("paul", withPaul, true);
        assertAccess("marie", withPaul, true);
        assertAccess("luc", withPaul, false);
        assertAccess("sophie", withPaul, false);
    }

    @Test
    void enterpriseConversationWithAClientWhoDidNotStarTheCompanyStaysHiddenFromOtherClients() {
        UUID withLuc = create("alice", ConversationType.ENTREPRISE, "dup", "luc");
        assertAccess("luc", withLuc, true);
        assertAccess("marie", withLuc, false);
        assertAccess("paul", withLuc, false);
    }

    @Test
    void confidentialConversationIsNeverVisibleToAClientWhoIsNotAParticipant() {
        UUID confidential = create("alice", ConversationType.CONFIDENTIEL, "dup", "paul");
        assertAccess("paul", confidential, true);
        assertAccess("marie", confidential, false);
        assertAccess("luc", confidential, false);
    }

    @Test
    void collaboratorWhoStarredTheCompanySeesItsConversationsWithoutBeingAParticipant() {
        UUID enterprise = create("paul", ConversationType.ENTREPRISE, "dup", "bruno");
        UUID confidential = create("paul", ConversationType.CONFIDENTIEL, "dup", "bruno");
        assertAccess("alice", enterprise, true);
        assertAccess("alice", confidential, true);
    }

    @Test
    void collaboratorWhoDidNotStarTheCompanyDoesNotSeeItsConversationsUnlessParticipant() {
        UUID withoutBruno = create("alice", ConversationType.CONFIDENTIEL, "dup", "paul");
        UUID withBruno = create("alice", ConversationType.ENTREPRISE, "dup", "bruno");
        assertAccess("bruno", withoutBruno, false);
        assertAccess("bruno", withBruno, true);
    }

    @Test
    void privateConversationIsVisibleToItsParticipantsOnlyNotEvenToAdministrators() {
        UUID privateOne = create("alice", ConversationType.PRIVE, null, "paul");
        assertAccess("alice", privateOne, true);
        assertAccess("paul", privateOne, true);
        assertAccess("admin", privateOne, false);
        assertAccess("marie", privateOne, false);
        assertAccess("bruno", privateOne, false);
    }

    @Test
    void clientParticipantWhoLeavesTheCompanyLosesAccessToItsConversations() {
        UUID enterprise = create("alice", ConversationType.ENTREPRISE, "dup", "paul");
        assertAccess("paul", enterprise, true);
        firm.changeClient("paul", List.of(), List.of());
        assertAccess("paul", enterprise, false);
        assertAccess("marie", enterprise, false);
    }

    @Test
    void starringGrantsAccessAtOnceAndUnstarringTakesItAway() {
        UUID confidential = create("alice", ConversationType.CONFIDENTIEL, "dup", "paul");
        assertAccess("bruno", confidential, false);
        directory.star(firm.viewer("bruno"), firm.companyId("dup"));
        assertAccess("bruno", confidential, true);
        directory.unstar(firm.viewer("bruno"), firm.companyId("dup"));
        assertAccess("bruno", confidential, false);
    }

    @Test
    void personWithAccessWhoRepliesBecomesAParticipant() {
        UUID conversation = create("bruno", ConversationType.ENTREPRISE, "dup", "paul");
        conversations.reply(firm.viewer("alice"), conversation, "<p>I follow this file</p>", List.of());
        assertThat(reader.open(firm.viewer("alice"), conversation).participants())
                .extracting(PersonRef::id)
                .contains(firm.id("alice"));
    }

    @Test
    void deactivatedPersonHasNoAccessButTheirStarStillCountsForOtherClients() {
        UUID withPaul = create("alice", ConversationType.ENTREPRISE, "dup", "paul");
        administration.deactivate(firm.viewer("admin"), firm.id("paul"));
        assertThat(access.isAccessible(firm.id("paul"), withPaul)).isFalse();
        assertAccess("marie", withPaul, true);
    }

    @Test
    void replyWithoutAccessIsRefusedAsNotFoundAndStoresNothing() {
        UUID confidential = create("alice", ConversationType.CONFIDENTIEL, "dup", "paul");
        assertThatThrownBy(() -> conversations.reply(firm.viewer("marie"), confidential, "<p>Let me in</p>", List.of()))
                .isInstanceOf(NotFoundException.class);
        assertThat(reader.open(firm.viewer("paul"), confidential).messages()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from audit_entry where actor_id = ? and action = ? and target = ?")
                        .params(firm.id("marie"), "CONVERSATION_ACCESS_REFUSED", confidential.toString())
                        .query(Long.class)
                        .single())
                .as("the refused attempt stays in the audit log")
                .isEqualTo(1);
    }
}
