package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.PropertyRun;
import fr.portail.messages.support.World;
import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Person;
import fr.portail.messages.support.WorldGenerator;
import fr.portail.messages.support.WorldStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Search over generated worlds against the reference model of the access rules: each conversation gets a second
 * message of accounting words, and a word made up for the world is planted in one of its two messages. The planted
 * word finds exactly the conversations the model grants, with one matching message each, and generated queries
 * (words, phrases, exclusions, words being typed) never return a conversation the model denies. Each world is stored
 * in PostgreSQL and rolled back after its check.
 */
@IntegrationTest
class SearchAccessPropertyTest {

    private static final String PROPERTY = "search-static-worlds";
    private static final List<String> VOCABULARY =
            List.of("bilan", "facture", "déclaration", "relevé", "TVA", "exercice", "avoir", "banque", "liasse");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConversationSearch search;

    @Autowired
    PlatformTransactionManager transactionManager;

    private int searches;
    private int grantedMatches;
    private int deniedMatches;

    @Test
    void searchFindsExactlyWhatTheReferenceModelGrantsAndNeverMore() {
        List<Long> seeds = PropertyRun.seeds(PROPERTY, 30);
        PropertyRun.check(PROPERTY, seeds, WorldGenerator::world, World::smaller, World::describe, this::check);
        if (PropertyRun.fullRun()) {
            assertThat(searches).as("searches checked").isGreaterThan(1500);
            assertThat(grantedMatches).as("planted matches the model grants").isGreaterThan(200);
            assertThat(deniedMatches).as("planted matches the model denies").isGreaterThan(200);
        }
    }

    private void check(World world) {
        SplittableRandom random = new SplittableRandom(world.seed());
        String planted = "zq" + letters(random, 7);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            WorldStore.insert(jdbc, world);
            for (Conversation conversation : world.conversations()) {
                addWords(conversation, random, planted);
            }
            for (Person person : world.people()) {
                Set<UUID> granted = world.conversations().stream()
                        .filter(c -> ReferenceAccessModel.hasAccess(world, person, c))
                        .map(Conversation::id)
                        .collect(Collectors.toSet());
                Viewer viewer = new Viewer(
                        person.id(),
                        "Person",
                        person.id() + "@world.test",
                        person.client() ? PersonKind.CLIENT : PersonKind.COLLABORATOR,
                        person.admin());
                List<InboxPage.Item> found = allPages(viewer, planted);
                assertBothWaysAgree(viewer, planted);
                assertThat(found)
                        .as("the planted word for %s", world.name(person.id()))
                        .extracting(InboxPage.Item::id)
                        .containsExactlyInAnyOrderElementsOf(granted);
                for (InboxPage.Item item : found) {
                    assertThat(item.matchingMessages()).isEqualTo(1);
                    assertThat(item.highlight()).contains("<mark>" + planted + "</mark>");
                }
                searches++;
                grantedMatches += granted.size();
                deniedMatches += world.conversations().size() - granted.size();
                for (int q = 0; q < 4; q++) {
                    String query = query(random);
                    assertThat(allPages(viewer, query))
                            .as("«%s» for %s", query, world.name(person.id()))
                            .extracting(InboxPage.Item::id)
                            .allMatch(granted::contains);
                    assertBothWaysAgree(viewer, query);
                    searches++;
                }
            }
        });
    }

    /** A second message of accounting words, and the planted word in one of the two messages. */
    private void addWords(Conversation conversation, SplittableRandom random, String planted) {
        StringBuilder text = new StringBuilder();
        for (int k = 2 + random.nextInt(6); k > 0; k--) {
            text.append(pick(random)).append(' ');
        }
        jdbc.sql("""
                        insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
                        select :id, c.id, 2, c.created_by, '<p>' || :text || '</p>', :text, c.last_message_at
                          from conversation c where c.id = :conversation
                        """)
                .param("id", UUID.randomUUID())
                .param("text", text.toString().strip())
                .param("conversation", conversation.id())
                .update();
        jdbc.sql("update conversation set message_count = 2 where id = ?")
                .param(conversation.id())
                .update();
        jdbc.sql("update message set plain_text = plain_text || ' ' || :planted where conversation_id = :conversation"
                        + " and seq = :seq")
                .param("planted", planted)
                .param("conversation", conversation.id())
                .param("seq", 1 + random.nextInt(2))
                .update();
    }

    private List<InboxPage.Item> allPages(Viewer viewer, String text) {
        List<InboxPage.Item> items = new ArrayList<>();
        String cursor = null;
        do {
            InboxPage page = search.search(viewer, InboxFilter.none().in(InboxView.ALL), text, cursor);
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }

    /**
     * Walking the person's conversations and reading the first term's conversations from the indexes first give the
     * same page: which one runs depends on PostgreSQL's estimates, which a small world does not exercise.
     */
    private void assertBothWaysAgree(Viewer viewer, String text) {
        SearchQuery query = SearchQuery.parse(text).orElseThrow();
        if (query.terms().isEmpty()) {
            return;
        }
        InboxFilter filter = InboxFilter.none().in(InboxView.ALL);
        assertThat(search.search(viewer, filter, query, 0, OptionalInt.of(0)).items())
                .as("«%s» read from the indexes first", text)
                .extracting(InboxPage.Item::id)
                .containsExactlyElementsOf(search.search(viewer, filter, query, 0, OptionalInt.empty()).items().stream()
                        .map(InboxPage.Item::id)
                        .toList());
    }

    /** One to three words, phrases, exclusions, the last one possibly cut as if being typed. */
    private static String query(SplittableRandom random) {
        List<String> parts = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            String word = pick(random);
            parts.add(
                    switch (random.nextInt(5)) {
                        case 0 -> "-" + word;
                        case 1 -> "\"" + word + " " + pick(random) + "\"";
                        case 2 -> word.substring(0, Math.max(2, word.length() - 2));
                        default -> word;
                    });
        }
        return String.join(" ", parts);
    }

    private static String pick(SplittableRandom random) {
        return VOCABULARY.get(random.nextInt(VOCABULARY.size()));
    }

    private static String letters(SplittableRandom random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append("bcdfghjklmnpqrstvwxz".charAt(random.nextInt(20)));
        }
        return word.toString();
    }
}
