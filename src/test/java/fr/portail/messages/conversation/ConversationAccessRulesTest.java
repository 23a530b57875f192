package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.PersonKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The yes/no form of the policy against the table of docs/access-rules.md, row by row, and exhaustively against the reference model. */
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
        UUID viewerId = UUID.randomUUID();
        UUID otherClientId = UUID.randomUUID();
        Set<UUID> participants = new HashSet<>();
        participants.add(UUID.randomUUID());
        if (participant) {
            participants.add(viewerId);
        }
        if (clientParticipantStarred) {
            participants.add(otherClientId);
        }
        Map<UUID, ReferenceAccessModel.Person> everyone = new HashMap<>();
        var viewer = new ReferenceAccessModel.Person(
                viewerId,
                kind == PersonKind.COLLABORATOR,
                active,
                starred ? Set.of(company) : Set.of(),
                member ? Set.of(company) : Set.of());
        everyone.put(viewerId, viewer);
        everyone.put(
                otherClientId,
                new ReferenceAccessModel.Person(otherClientId, false, true, Set.of(company), Set.of(company)));
        participants.stream()
                .filter(id -> !everyone.containsKey(id))
                .forEach(id -> everyone.put(id, new ReferenceAccessModel.Person(id, true, true, Set.of(), Set.of())));
        // The viewer's own star counts as "some client p ∈ P" when it is a starring client participant.
        var conversation = new ReferenceAccessModel.Conversation(
                UUID.randomUUID(), type.name(), type.hasCompany() ? company : null, participants);
        return ReferenceAccessModel.hasAccess(viewer, conversation, everyone);
    }
}
