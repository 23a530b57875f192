package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.MessagesApplication;
import fr.portail.messages.directory.PersonKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates random worlds (people, companies, memberships, favourites, conversations, participants, deactivations),
 * stores each in PostgreSQL, and checks that the query form of the policy, its yes/no form and the reference model of
 * the access rules agree for every person and conversation. Each world is rolled back after its check.
 */
class ConversationAccessPropertyTest {

    private static ConfigurableApplicationContext context;
    private static JdbcClient jdbc;
    private static ConversationAccess access;
    private static TransactionTemplate transactions;
    private static int pairsChecked;

    @BeforeContainer
    static void startApplication() {
        context = new SpringApplicationBuilder(MessagesApplication.class)
                .properties(
                        "server.port=0",
                        "messages.embedded-database.ephemeral=true",
                        "messages.embedded-database.database-name=policy_property",
                        "messages.demo-data=false",
                        "messages.embedded-smtp.port=0",
                        "messages.data-dir=target/test-data",
                        "spring.main.banner-mode=off")
                .run();
        jdbc = context.getBean(JdbcClient.class);
        access = context.getBean(ConversationAccess.class);
        transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @AfterContainer
    static void stopApplication() {
        assertThat(pairsChecked).as("person-conversation pairs checked").isGreaterThan(5000);
        context.close();
    }

    /** Thresholds that make the query form scan each favourite company, or the firm's activity, whatever the world. */
    private static final int SCAN_EACH_FAVOURITE = Integer.MAX_VALUE;

    private static final int SCAN_FIRM_ACTIVITY = 0;

    private Set<UUID> listed(Person person, int favouriteScanThreshold) {
        return new HashSet<>(jdbc.sql(ConversationAccess.accessibleConversations(
                        person.collaborator() ? PersonKind.COLLABORATOR : PersonKind.CLIENT,
                        "true",
                        false,
                        false,
                        null))
                .param("viewer", person.id())
                .param("favouriteScanThreshold", favouriteScanThreshold)
                .query((rs, row) -> rs.getObject("id", UUID.class))
                .list());
    }

    private static ReferenceAccessModel.Conversation reference(
            Conversation conversation, World world, List<UUID> companyIds) {
        return new ReferenceAccessModel.Conversation(
                conversation.id(),
                conversation.type().name(),
                conversation.type().hasCompany() ? companyIds.get(conversation.company()) : null,
                conversation.participants().stream()
                        .map(i -> world.people().get(i).id())
                        .collect(Collectors.toSet()));
    }

    record Person(UUID id, boolean collaborator, boolean active, Set<Integer> favourites, Set<Integer> companies) {}

    record Conversation(UUID id, ConversationType type, int company, Set<Integer> participants) {}

    record World(int companies, List<Person> people, List<Conversation> conversations) {}

    @Property(tries = 800, seed = "20261129")
    void queryFormYesNoFormAndReferenceModelAgree(@ForAll("worlds") World world) {
        transactions.executeWithoutResult(status -> {
            List<UUID> companyIds = store(world);
            Map<UUID, ReferenceAccessModel.Person> referencePeople = world.people().stream()
                    .collect(Collectors.toMap(
                            Person::id,
                            p -> new ReferenceAccessModel.Person(
                                    p.id(),
                                    p.collaborator(),
                                    p.active(),
                                    ids(p.favourites(), companyIds),
                                    ids(p.companies(), companyIds))));
            Set<UUID> worldConversations =
                    world.conversations().stream().map(Conversation::id).collect(Collectors.toSet());
            for (Person person : world.people()) {
                Set<UUID> listed = listed(person, SCAN_EACH_FAVOURITE);
                listed.retainAll(worldConversations);
                Set<UUID> listedFirmWide = listed(person, SCAN_FIRM_ACTIVITY);
                listedFirmWide.retainAll(worldConversations);
                assertThat(listedFirmWide)
                        .as("both ways of reading favourites for %s", person)
                        .isEqualTo(listed);
                for (Conversation conversation : world.conversations()) {
                    boolean expected = ReferenceAccessModel.hasAccess(
                            referencePeople.get(person.id()),
                            reference(conversation, world, companyIds),
                            referencePeople);
                    assertThat(access.isAccessible(person.id(), conversation.id()))
                            .as("yes/no form for %s on %s", person, conversation)
                            .isEqualTo(expected);
                    assertThat(listed.contains(conversation.id()))
                            .as("query form for %s on %s", person, conversation)
                            .isEqualTo(expected);
                    pairsChecked++;
                }
            }
            List<UUID> everyone = world.people().stream().map(Person::id).toList();
            for (Conversation conversation : world.conversations()) {
                Set<UUID> expected = world.people().stream()
                        .filter(person -> ReferenceAccessModel.hasAccess(
                                referencePeople.get(person.id()),
                                reference(conversation, world, companyIds),
                                referencePeople))
                        .map(Person::id)
                        .collect(Collectors.toSet());
                assertThat(access.whoMayAccess(conversation.id(), everyone))
                        .as("everyone at once on %s", conversation)
                        .isEqualTo(expected);
            }
            status.setRollbackOnly();
        });
    }

    private static Set<UUID> ids(Set<Integer> indexes, List<UUID> companyIds) {
        return indexes.stream().map(companyIds::get).collect(Collectors.toSet());
    }

    private static List<UUID> store(World world) {
        List<UUID> companyIds = new ArrayList<>();
        for (int i = 0; i < world.companies(); i++) {
            UUID id = UUID.randomUUID();
            companyIds.add(id);
            jdbc.sql("insert into company (id, external_id, name) values (?, ?, ?)")
                    .params(id, "P-" + id, "Company " + i)
                    .update();
        }
        for (Person person : world.people()) {
            jdbc.sql("insert into person (id, email, name, kind, active) values (?, ?, ?, ?, ?)")
                    .params(
                            person.id(),
                            person.id() + "@example.test",
                            "Person",
                            person.collaborator() ? "COLLABORATOR" : "CLIENT",
                            person.active())
                    .update();
            for (int company : person.companies()) {
                jdbc.sql("insert into membership (person_id, company_id) values (?, ?)")
                        .params(person.id(), companyIds.get(company))
                        .update();
            }
            for (int company : person.favourites()) {
                jdbc.sql("insert into favourite (person_id, company_id) values (?, ?)")
                        .params(person.id(), companyIds.get(company))
                        .update();
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int minute = 0;
        for (Conversation conversation : world.conversations()) {
            OffsetDateTime at = now.minusMinutes(minute++);
            UUID author = world.people()
                    .get(conversation.participants().iterator().next())
                    .id();
            jdbc.sql("""
                            insert into conversation (id, type, company_id, subject, created_by, created_at, last_message_at)
                            values (?, ?, ?, 'Subject', ?, ?, ?)
                            """)
                    .params(
                            conversation.id(),
                            conversation.type().name(),
                            conversation.type().hasCompany() ? companyIds.get(conversation.company()) : null,
                            author,
                            at,
                            at)
                    .update();
            for (int participant : conversation.participants()) {
                jdbc.sql("""
                                insert into participant (conversation_id, person_id, joined_at, last_message_at)
                                values (?, ?, ?, ?)
                                """)
                        .params(
                                conversation.id(),
                                world.people().get(participant).id(),
                                at,
                                at)
                        .update();
            }
        }
        return companyIds;
    }

    @Provide
    Arbitrary<World> worlds() {
        return Arbitraries.integers()
                .between(1, 3)
                .flatMap(companies -> Arbitraries.integers()
                        .between(2, 7)
                        .flatMap(peopleCount -> Combinators.combine(
                                        people(companies).list().ofSize(peopleCount),
                                        conversations(companies, peopleCount)
                                                .list()
                                                .ofMinSize(1)
                                                .ofMaxSize(6))
                                .as((people, conversations) -> new World(companies, people, conversations))));
    }

    private static Arbitrary<Person> people(int companies) {
        Arbitrary<Set<Integer>> companySets =
                Arbitraries.integers().between(0, companies - 1).set().ofMaxSize(companies);
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 9).map(n -> n > 0),
                        companySets,
                        companySets)
                .as((collaborator, active, memberships, stars) -> {
                    // A client stars only companies it is a member of; a collaborator belongs to none.
                    Set<Integer> companiesOf = collaborator ? Set.of() : memberships;
                    Set<Integer> favourites = new HashSet<>(stars);
                    if (!collaborator) {
                        favourites.retainAll(companiesOf);
                    }
                    return new Person(UUID.randomUUID(), collaborator, active, favourites, companiesOf);
                });
    }

    private static Arbitrary<Conversation> conversations(int companies, int people) {
        return Combinators.combine(
                        Arbitraries.of(ConversationType.class),
                        Arbitraries.integers().between(0, companies - 1),
                        Arbitraries.integers()
                                .between(0, people - 1)
                                .set()
                                .ofMinSize(1)
                                .ofMaxSize(people))
                .as((type, company, participants) -> new Conversation(UUID.randomUUID(), type, company, participants));
    }
}
