package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.support.CaseCounter;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.PropertyRun;
import fr.portail.messages.support.World;
import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Person;
import fr.portail.messages.support.WorldGenerator;
import fr.portail.messages.support.WorldStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Over more than a thousand generated worlds (people, companies, memberships, favourites, conversations,
 * participants, deactivations), stored in PostgreSQL and rolled back after each check: the query form of the policy
 * (both ways of reading favourites), its yes/no form for everyone at once ({@code whoMayAccess}) and for a selection ({@code accessibleAmong}), and the reference
 * model agree for every person and conversation; the yes/no form for one person ({@code isAccessible}, the same facts
 * and decision) is checked for one person per conversation.
 */
@IntegrationTest
class ConversationAccessPropertyTest {

    private static final String PROPERTY = "access-static-worlds";

    /** Thresholds that make the query form scan each favourite company, or the firm's activity, whatever the world. */
    private static final int SCAN_EACH_FAVOURITE = Integer.MAX_VALUE;

    private static final int SCAN_FIRM_ACTIVITY = 0;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConversationAccess access;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final CaseCounter cases = new CaseCounter(PROPERTY).expect(interestingCases());

    @Test
    void yesNoFormQueryFormAndReferenceModelAgreeInEveryWorld() {
        List<Long> seeds = PropertyRun.seeds(PROPERTY, 260);
        PropertyRun.check(PROPERTY, seeds, WorldGenerator::world, World::smaller, World::describe, this::check);
        if (PropertyRun.fullRun()) {
            assertThat(seeds).hasSizeGreaterThanOrEqualTo(1000);
            cases.assertEachAtLeast(20);
        }
    }

    private static String[] interestingCases() {
        List<String> names = new java.util.ArrayList<>();
        for (World.Type type : World.Type.values()) {
            for (World.Kind kind : World.Kind.values()) {
                names.add(type + " × " + kind + " granted");
                names.add(type + " × " + kind + " refused");
            }
        }
        names.addAll(List.of(
                "deactivated participant",
                "client of several companies",
                "ENTREPRISE, starred non-participant client, with a starring client participant",
                "ENTREPRISE, starred non-participant client, without a starring client participant",
                "client participant no longer a member",
                "administrator without access"));
        return names.toArray(String[]::new);
    }

    private void check(World world) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            WorldStore.insert(jdbc, world);
            Set<UUID> worldConversations =
                    world.conversations().stream().map(Conversation::id).collect(Collectors.toSet());
            for (Person person : world.people()) {
                Set<UUID> listed = listed(person, SCAN_EACH_FAVOURITE, worldConversations);
                assertThat(listed(person, SCAN_FIRM_ACTIVITY, worldConversations))
                        .as("both ways of reading favourites for %s", world.name(person.id()))
                        .isEqualTo(listed);
                assertThat(access.accessibleAmong(person.id(), worldConversations))
                        .as("a selection at once (bulk actions) for %s", world.name(person.id()))
                        .isEqualTo(listed);
                for (Conversation conversation : world.conversations()) {
                    boolean expected = ReferenceAccessModel.hasAccess(world, person, conversation);
                    String pair = world.name(person.id()) + " on " + world.name(conversation.id());
                    assertThat(listed.contains(conversation.id()))
                            .as("query form for %s", pair)
                            .isEqualTo(expected);
                    count(world, person, conversation, expected);
                }
            }
            List<UUID> everyone = world.people().stream().map(Person::id).toList();
            for (Conversation conversation : world.conversations()) {
                Set<UUID> expected = world.people().stream()
                        .filter(person -> ReferenceAccessModel.hasAccess(world, person, conversation))
                        .map(Person::id)
                        .collect(Collectors.toSet());
                assertThat(access.whoMayAccess(conversation.id(), everyone))
                        .as("everyone at once on %s", world.name(conversation.id()))
                        .isEqualTo(expected);
                // The one-pair form reads the same facts; one person per conversation, in turn, keeps the run short.
                UUID one = everyone.get(world.conversations().indexOf(conversation) % everyone.size());
                assertThat(access.isAccessible(one, conversation.id()))
                        .as("yes/no form for %s on %s", world.name(one), world.name(conversation.id()))
                        .isEqualTo(expected.contains(one));
            }
        });
    }

    private Set<UUID> listed(Person person, int favouriteScanThreshold, Set<UUID> worldConversations) {
        Set<UUID> listed = new HashSet<>(jdbc.sql(ConversationAccess.accessibleConversations(
                        person.client() ? PersonKind.CLIENT : PersonKind.COLLABORATOR, "true", false, false, null))
                .param("viewer", person.id())
                .param("favouriteScanThreshold", favouriteScanThreshold)
                .query((rs, row) -> rs.getObject("id", UUID.class))
                .list());
        listed.retainAll(worldConversations);
        return listed;
    }

    private void count(World world, Person person, Conversation conversation, boolean granted) {
        boolean participant = conversation.participants().contains(person.id());
        cases.count(conversation.type() + " × " + person.kind() + (granted ? " granted" : " refused"));
        cases.count("deactivated participant", participant && !person.active());
        cases.count(
                "client of several companies",
                person.client() && person.memberships().size() > 1);
        cases.count("administrator without access", person.admin() && person.active() && !granted);
        if (conversation.company() == null) {
            return;
        }
        cases.count(
                "client participant no longer a member",
                participant && person.client() && !person.memberships().contains(conversation.company()));
        boolean starredOutsider = conversation.type() == World.Type.ENTREPRISE
                && person.client()
                && person.active()
                && !participant
                && person.memberships().contains(conversation.company())
                && person.favourites().contains(conversation.company());
        if (starredOutsider) {
            boolean starringParticipant = conversation.participants().stream()
                    .map(world::person)
                    .anyMatch(p -> p.client() && p.favourites().contains(conversation.company()));
            cases.count("ENTREPRISE, starred non-participant client, "
                    + (starringParticipant ? "with" : "without")
                    + " a starring client participant");
        }
    }
}
