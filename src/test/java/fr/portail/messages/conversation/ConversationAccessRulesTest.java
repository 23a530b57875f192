package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.support.World;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The yes/no form of the policy against SPEC §2's table, row by row, and exhaustively against the reference model. */
class ConversationAccessRulesTest {

    @ParameterizedTest(name = "{0} {1}: participant={3} starred={4} member={5} clientParticipantStarred={6} -> {7}")
    @CsvSource({
        // type, viewer kind, active, participant, starred, member, a client participant starred, access
        "ENTREPRISE,   COLLABORATOR, true,  false, true,  false, false, true",
        "ENTREPRISE,   COLLABORATOR, true,  true,  false, false, false, true",
        "ENTREPRISE,   COLLABORATOR, true,  false, false, false, true,  false",
        "ENTREPRISE,   CLIENT,       true,  true,  false, true,  false, true",
        "ENTREPRISE,   CLIENT,       true,  true,  true,  false, true,  false",
        "ENTREPRISE,   CLIENT,       true,  false, true,  true,  true,  true",
        "ENTREPRISE,   CLIENT,       true,  false, true,  true,  false, false",
        "ENTREPRISE,   CLIENT,       true,  false, false, true,  true,  false",
        "CONFIDENTIEL, COLLABORATOR, true,  false, true,  false, false, true",
        "CONFIDENTIEL, COLLABORATOR, true,  true,  false, false, false, true",
        "CONFIDENTIEL, COLLABORATOR, true,  false, false, false, true,  false",
        "CONFIDENTIEL, CLIENT,       true,  true,  false, true,  false, true",
        "CONFIDENTIEL, CLIENT,       true,  false, true,  true,  true,  false",
        "CONFIDENTIEL, CLIENT,       true,  true,  true,  false, true,  false",
        "PRIVE,        COLLABORATOR, true,  true,  false, false, false, true",
        "PRIVE,        COLLABORATOR, true,  false, true,  true,  true,  false",
        "PRIVE,        CLIENT,       true,  true,  false, false, false, true",
        "PRIVE,        CLIENT,       true,  false, true,  true,  true,  false",
        "ENTREPRISE,   COLLABORATOR, false, true,  true,  true,  true,  false",
        "CONFIDENTIEL, CLIENT,       false, true,  true,  true,  true,  false",
        "PRIVE,        CLIENT,       false, true,  true,  true,  true,  false",
    })
    void followsTheRuleTableOfTheSpecification(
            ConversationType type,
            PersonKind kind,
            boolean active,
            boolean participant,
            boolean starred,
            boolean member,
            boolean clientParticipantStarred,
            boolean expected) {
        var facts = new AccessFacts(type, kind, active, participant, starred, member, clientParticipantStarred);
        assertThat(ConversationAccess.mayAccess(facts)).isEqualTo(expected);
    }

    /** Every combination of facts, checked against the reference model built as a small world with the same facts. */
    @Test
    void agreesWithTheReferenceModelOnEveryCombinationOfFacts() {
        int checked = 0;
        for (ConversationType type : ConversationType.values()) {
            for (PersonKind kind : PersonKind.values()) {
                for (int bits = 0; bits < 32; bits++) {
                    boolean active = (bits & 1) != 0;
                    boolean participant = (bits & 2) != 0;
                    boolean starred = (bits & 4) != 0;
                    boolean member = (bits & 8) != 0;
                    boolean clientParticipantStarred = (bits & 16) != 0;
                    if (kind == PersonKind.CLIENT && starred && !member) {
                        continue; // impossible state: a client only stars its own companies
                    }
                    var facts =
                            new AccessFacts(type, kind, active, participant, starred, member, clientParticipantStarred);
                    assertThat(ConversationAccess.mayAccess(facts))
                            .as("%s", facts)
                            .isEqualTo(reference(
                                    type, kind, active, participant, starred, member, clientParticipantStarred));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    private static boolean reference(
            ConversationType type,
            PersonKind kind,
            boolean active,
            boolean participant,
            boolean starred,
            boolean member,
            boolean clientParticipantStarred) {
        UUID company = UUID.randomUUID();
        var viewer = new World.Person(
                UUID.randomUUID(),
                kind == PersonKind.COLLABORATOR ? World.Kind.COLLABORATOR : World.Kind.CLIENT,
                false,
                active,
                member ? Set.of(company) : Set.of(),
                starred ? Set.of(company) : Set.of());
        var author = new World.Person(UUID.randomUUID(), World.Kind.COLLABORATOR, false, true, Set.of(), Set.of());
        var starringClient =
                new World.Person(UUID.randomUUID(), World.Kind.CLIENT, false, true, Set.of(company), Set.of(company));
        Set<UUID> participants = new HashSet<>();
        participants.add(author.id());
        if (participant) {
            participants.add(viewer.id());
        }
        if (clientParticipantStarred) {
            participants.add(starringClient.id());
        }
        World.Type worldType = World.Type.valueOf(type.name());
        var conversation = new World.Conversation(
                UUID.randomUUID(),
                worldType,
                worldType == World.Type.PRIVE ? null : company,
                "Subject",
                author.id(),
                participants);
        World world = new World(
                0,
                List.of(new World.Company(company, "Company")),
                List.of(viewer, author, starringClient),
                List.of(conversation));
        return ReferenceAccessModel.hasAccess(world, viewer, conversation);
    }
}
