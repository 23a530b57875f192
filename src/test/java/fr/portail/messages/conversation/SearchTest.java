package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * French-aware search: accents and case, inflections, phrases, exclusions, the word being typed, every searched field,
 * ranking, counts, and excerpts that are escaped text with the words marked.
 */
@IntegrationTest
class SearchTest {

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationSearch inbox;

    @Autowired
    AttachmentService attachments;

    Firm firm;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("other")
                .collaborator("alice", "dup")
                .collaborator("bruno")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
    }

    @Test
    void accentsAndCaseAreIgnoredBothWays() {
        UUID accented = create("Question", "<p>La DÉCLARATION est prête, signée par Élise.</p>");
        UUID plain = create("Question", "<p>la declaration de elise</p>");

        assertThat(ids("declaration")).containsExactlyInAnyOrder(accented, plain);
        assertThat(ids("ÉLISE Déclaration")).containsExactlyInAnyOrder(accented, plain);
    }

    @Test
    void inflectionsFindEachOther() {
        UUID singular = create("Question", "<p>Voici la déclaration de l'exercice.</p>");
        UUID plural = create("Question", "<p>Les exercices précédents sont clos.</p>");

        assertThat(ids("déclarations ")).containsExactly(singular);
        assertThat(ids("exercice ")).containsExactlyInAnyOrder(singular, plural);
    }

    @Test
    void aPhraseNeedsItsWordsTogether() {
        UUID together = create("Question", "<p>Le bilan de fin d'année arrive.</p>");
        UUID apart = create("Question", "<p>La fin du bilan, puis l'année suivante.</p>");
        UUID inTwoMessages = create("Question", "<p>Voici le bilan</p>");
        conversations.reply(firm.viewer("paul"), inTwoMessages, "<p>de fin d'année.</p>", List.of());

        assertThat(ids("bilan fin ")).containsExactlyInAnyOrder(together, apart, inTwoMessages);
        assertThat(ids("\"bilan de fin\"")).containsExactly(together);
    }

    @Test
    void aMinusExcludesTheConversationsWithTheWord() {
        UUID invoice = create("Question", "<p>La facture de mars.</p>");
        UUID credit = create("Question", "<p>La facture et l'avoir partiel.</p>");
        conversations.reply(firm.viewer("paul"), invoice, "<p>Aucun avoir ici ? Si.</p>", List.of());
        UUID other = create("Question", "<p>La facture d'avril.</p>");

        assertThat(ids("facture -avoir")).containsExactly(other);
        assertThat(ids("facture -\"avoir partiel\"")).containsExactlyInAnyOrder(invoice, other);
        assertThat(credit).isNotNull();
    }

    @Test
    void theLastWordMatchesAsAPrefixWhileTyping() {
        UUID reconciliation = create("Question", "<p>Le rapprochement bancaire de juin.</p>");

        assertThat(ids("rappro")).containsExactly(reconciliation);
        assertThat(ids("rapprochemen")).containsExactly(reconciliation);
        assertThat(ids("bancaire jui")).containsExactly(reconciliation);
        assertThat(ids("rappro ")).isEmpty();
    }

    @Test
    void subjectCompanyNameAndNumberParticipantsAndFileNamesAreSearched() throws Exception {
        UUID bySubject = create("Liasse fiscale", "<p>Bonjour</p>");
        UUID withFile = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("bruno")),
                        "Pièces",
                        "<p>Ci-joint</p>",
                        List.of(attachments
                                .upload(
                                        firm.id("alice"),
                                        "grand_livre-2025.pdf",
                                        "application/pdf",
                                        new ByteArrayInputStream(new byte[] {1}))
                                .id())));
        UUID other = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.CONFIDENTIEL,
                        firm.companyId("other"),
                        List.of(firm.id("bruno")),
                        "Autre",
                        "<p>Bonjour</p>"));

        assertThat(ids("liasse")).containsExactly(bySubject);
        assertThat(ids("grand livre 2025")).containsExactly(withFile);
        assertThat(ids("\"other " + firm.suffix() + "\"")).containsExactly(other);
        assertThat(ids(firm.externalId("other"))).containsExactly(other);
        assertThat(ids("paul " + firm.suffix())).containsExactly(bySubject);
        assertThat(ids("bruno " + firm.suffix() + " bonjour")).containsExactlyInAnyOrder(bySubject, other);
    }

    @Test
    void eachResultCountsItsMatchingMessagesAndMarksTheBestOne() {
        UUID conversation = create("Question", "<p>Première relance pour le <b>relevé</b> bancaire.</p>");
        conversations.reply(firm.viewer("paul"), conversation, "<p>Sans rapport.</p>", List.of());
        UUID best = conversations.reply(
                firm.viewer("alice"), conversation, "<p>Relevé, relevé et encore le relevé de juin.</p>", List.of());

        InboxPage.Item item = search("releve ").items().get(0);

        assertThat(item.id()).isEqualTo(conversation);
        assertThat(item.matchingMessages()).isEqualTo(2);
        assertThat(item.matchingMessageId()).isEqualTo(best);
        assertThat(item.highlight()).contains("<mark>Relevé</mark>, <mark>relevé</mark> et encore");
    }

    @Test
    void theSubjectWeighsMoreThanAMessage() {
        UUID inMessage = create("Question", "<p>Parlons de la trésorerie.</p>");
        UUID inSubject = create("Trésorerie", "<p>Bonjour</p>");

        assertThat(ids("tresorerie ")).containsExactly(inSubject, inMessage);
    }

    @Test
    void theExcerptIsEscapedTextWithOnlyTheMarksAsMarkup() {
        UUID typed = create("Question", "<p>alerte &lt;img src=x onerror=alert(1)&gt; fin</p>");
        UUID pasted = create("Question", "<p>alerte <img src=x onerror=alert(1)> <script>alert(2)</script> fin</p>");

        List<InboxPage.Item> items = search("alerte ").items();

        assertThat(items).extracting(InboxPage.Item::id).containsExactlyInAnyOrder(typed, pasted);
        for (InboxPage.Item item : items) {
            assertThat(item.highlight())
                    .startsWith("<mark>alerte</mark>")
                    .doesNotContain("<img", "<script", "<p>")
                    .doesNotContainPattern("<(?!/?mark>)");
        }
        InboxPage.Item typedItem =
                items.stream().filter(i -> i.id().equals(typed)).findFirst().orElseThrow();
        assertThat(typedItem.highlight()).contains("&lt;img src=x onerror=");
    }

    @Test
    void openingAResultFindsTheMatchingMessagesAndTheWordsAsWritten() {
        UUID conversation = create("Question", "<p>Rien ici.</p>");
        UUID first =
                conversations.reply(firm.viewer("paul"), conversation, "<p>Les Déclarations sont là.</p>", List.of());
        UUID second =
                conversations.reply(firm.viewer("alice"), conversation, "<p>Une déclaration de plus.</p>", List.of());

        ConversationSearch.Matches matches = inbox.matchesIn(
                firm.viewer("alice"),
                conversation,
                SearchQuery.parse("declaration").orElseThrow());

        assertThat(matches.messageIds()).containsExactly(first, second);
        assertThat(matches.words()).containsExactly("Déclarations", "déclaration");
    }

    private UUID create(String subject, String html) {
        return conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("bruno"), firm.id("paul")),
                        subject,
                        html));
    }

    private InboxPage search(String text) {
        Viewer viewer = firm.viewer("alice");
        return inbox.search(viewer, InboxFilter.none(), text, null);
    }

    /** The conversations found, after checking that walking the conversations finds the same, in the same order. */
    private List<UUID> ids(String text) {
        List<UUID> ids = search(text).items().stream().map(InboxPage.Item::id).toList();
        SearchQuery.parse(text)
                .filter(query -> !query.terms().isEmpty())
                .ifPresent(query -> assertThat(
                                inbox.search(firm.viewer("alice"), InboxFilter.none(), query, 0, OptionalInt.empty())
                                        .items())
                        .as("«%s» walking the conversations", text)
                        .extracting(InboxPage.Item::id)
                        .containsExactlyElementsOf(ids));
        return ids;
    }
}
