package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.IntegrationTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Search over generated worlds (people, companies, memberships, favourites, conversations of every type with their
 * participants and messages) against the reference model of the access rules: a generated query never returns a
 * conversation the model denies, and a word planted in one message of every conversation finds exactly the
 * conversations the model grants. Each world is stored in PostgreSQL and rolled back after its checks.
 */
@IntegrationTest
class SearchAccessPropertyTest {

    private static final long SEED = 20261202L;
    private static final int WORLDS = 120;
    private static final List<String> VOCABULARY =
            List.of("bilan", "facture", "déclaration", "relevé", "TVA", "exercice", "avoir", "banque", "liasse");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConversationSearch search;

    @Autowired
    PlatformTransactionManager transactionManager;

    record Person(UUID id, boolean collaborator, boolean active, Set<UUID> favourites, Set<UUID> companies) {}

    record Conversation(UUID id, ConversationType type, UUID company, Set<UUID> participants, List<String> messages) {}

    record World(List<UUID> companies, List<Person> people, List<Conversation> conversations, String planted) {}

    @Test
    void searchFindsExactlyWhatTheReferenceModelGrantsAndNeverMore() {
        SplittableRandom random = new SplittableRandom(SEED);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        int[] counters = new int[3]; // searches checked, granted planted matches, denied planted matches
        for (int w = 0; w < WORLDS; w++) {
            World world = world(random.split());
            SplittableRandom queries = random.split();
            transactions.executeWithoutResult(status -> {
                store(world);
                check(world, queries, counters);
                status.setRollbackOnly();
            });
        }
        assertThat(counters[0]).as("searches checked").isGreaterThan(1500);
        assertThat(counters[1]).as("planted matches the model grants").isGreaterThan(300);
        assertThat(counters[2]).as("planted matches the model denies").isGreaterThan(300);
    }

    private void check(World world, SplittableRandom random, int[] counters) {
        Map<UUID, ReferenceAccessModel.Person> everyone = new HashMap<>();
        for (Person p : world.people()) {
            everyone.put(
                    p.id(),
                    new ReferenceAccessModel.Person(
                            p.id(), p.collaborator(), p.active(), p.favourites(), p.companies()));
        }
        for (Person person : world.people()) {
            Set<UUID> granted = new HashSet<>();
            for (Conversation c : world.conversations()) {
                if (ReferenceAccessModel.hasAccess(
                        everyone.get(person.id()),
                        new ReferenceAccessModel.Conversation(c.id(), c.type().name(), c.company(), c.participants()),
                        everyone)) {
                    granted.add(c.id());
                }
            }
            Viewer viewer = new Viewer(person.id(), "Person", person.id() + "@example.test", kind(person), false);
            List<InboxPage.Item> planted = allPages(viewer, world.planted());
            assertThat(planted)
                    .as("planted word for %s in %s", person, world)
                    .extracting(InboxPage.Item::id)
                    .containsExactlyInAnyOrderElementsOf(granted);
            for (InboxPage.Item item : planted) {
                assertThat(item.matchingMessages()).isEqualTo(1);
                assertThat(item.highlight()).contains("<mark>");
            }
            counters[0]++;
            counters[1] += granted.size();
            counters[2] += world.conversations().size() - granted.size();
            for (int q = 0; q < 4; q++) {
                String query = query(random);
                assertThat(allPages(viewer, query))
                        .as("query «%s» for %s in %s", query, person, world)
                        .extracting(InboxPage.Item::id)
                        .allMatch(granted::contains);
                counters[0]++;
            }
        }
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

    private static PersonKind kind(Person person) {
        return person.collaborator() ? PersonKind.COLLABORATOR : PersonKind.CLIENT;
    }

    /** One to three words, phrases, exclusions, the last word possibly cut as if being typed. */
    private static String query(SplittableRandom random) {
        List<String> parts = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
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

    private static World world(SplittableRandom random) {
        List<UUID> companies = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            companies.add(UUID.randomUUID());
        }
        List<Person> people = new ArrayList<>();
        for (int i = 2 + random.nextInt(6); i > 0; i--) {
            boolean collaborator = random.nextBoolean();
            Set<UUID> memberships = collaborator ? Set.of() : subset(random, companies);
            Set<UUID> favourites = subset(random, collaborator ? companies : new ArrayList<>(memberships));
            people.add(new Person(UUID.randomUUID(), collaborator, random.nextInt(10) > 0, favourites, memberships));
        }
        String planted = "zq" + letters(random, 7);
        List<Conversation> conversations = new ArrayList<>();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            ConversationType type = ConversationType.values()[random.nextInt(3)];
            Set<UUID> participants = new HashSet<>();
            for (int p = 1 + random.nextInt(Math.min(3, people.size())); p > 0; p--) {
                participants.add(people.get(random.nextInt(people.size())).id());
            }
            List<String> messages = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            int plantedIn = random.nextInt(count);
            for (int m = 0; m < count; m++) {
                StringBuilder text = new StringBuilder();
                for (int k = 2 + random.nextInt(6); k > 0; k--) {
                    text.append(pick(random)).append(' ');
                }
                if (m == plantedIn) {
                    text.append(planted);
                }
                messages.add(text.toString().strip());
            }
            conversations.add(new Conversation(
                    UUID.randomUUID(),
                    type,
                    type.hasCompany() ? companies.get(random.nextInt(companies.size())) : null,
                    participants,
                    messages));
        }
        return new World(companies, people, conversations, planted);
    }

    private static Set<UUID> subset(SplittableRandom random, List<UUID> from) {
        Set<UUID> chosen = new HashSet<>();
        for (UUID id : from) {
            if (random.nextBoolean()) {
                chosen.add(id);
            }
        }
        return chosen;
    }

    private static String letters(SplittableRandom random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append("bcdfghjklmnpqrstvwxz".charAt(random.nextInt(20)));
        }
        return word.toString();
    }

    private void store(World world) {
        for (UUID company : world.companies()) {
            jdbc.sql("insert into company (id, external_id, name) values (?, ?, ?)")
                    .params(company, "S-" + company, "Société")
                    .update();
        }
        for (Person person : world.people()) {
            jdbc.sql("insert into person (id, email, name, kind, active) values (?, ?, ?, ?, ?)")
                    .params(
                            person.id(),
                            person.id() + "@example.test",
                            "Personne",
                            kind(person).name(),
                            person.active())
                    .update();
            person.companies()
                    .forEach(company -> jdbc.sql("insert into membership (person_id, company_id) values (?, ?)")
                            .params(person.id(), company)
                            .update());
            person.favourites()
                    .forEach(company -> jdbc.sql("insert into favourite (person_id, company_id) values (?, ?)")
                            .params(person.id(), company)
                            .update());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int minute = 0;
        for (Conversation conversation : world.conversations()) {
            OffsetDateTime at = now.minusMinutes(minute++);
            UUID author = conversation.participants().iterator().next();
            jdbc.sql("""
                            insert into conversation (id, type, company_id, subject, created_by, created_at,
                                                      last_message_at, message_count)
                            values (?, ?, ?, 'Sujet', ?, ?, ?, ?)
                            """)
                    .params(
                            conversation.id(),
                            conversation.type().name(),
                            conversation.company(),
                            author,
                            at,
                            at,
                            conversation.messages().size())
                    .update();
            for (UUID participant : conversation.participants()) {
                jdbc.sql("""
                                insert into participant (conversation_id, person_id, joined_at, last_message_at)
                                values (?, ?, ?, ?)
                                """).params(conversation.id(), participant, at, at).update();
            }
            for (int seq = 1; seq <= conversation.messages().size(); seq++) {
                String text = conversation.messages().get(seq - 1);
                jdbc.sql("""
                                insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
                                values (?, ?, ?, ?, ?, ?, ?)
                                """)
                        .params(UUID.randomUUID(), conversation.id(), seq, author, "<p>" + text + "</p>", text, at)
                        .update();
            }
        }
    }
}
