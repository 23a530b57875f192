package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The access property through HTTP: in randomly generated firms, what each person can open with
 * {@code GET /api/v1/conversations/{id}} and what their inbox lists are exactly what the reference model of SPEC §2
 * grants; everything else answers 404.
 */
@IntegrationTest
class ConversationAccessHttpPropertyTest {

    private static final int WORLDS = 12;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationReader reader;

    @Autowired
    AccessTokens tokens;

    @Test
    void eachPersonOpensAndListsExactlyWhatTheSpecificationGrants() {
        Random random = new Random(20261129);
        int checked = 0;
        for (int world = 0; world < WORLDS; world++) {
            checked += checkWorld(random);
        }
        assertThat(checked).isGreaterThan(200);
    }

    private int checkWorld(Random random) {
        List<String> companies = List.of("c0", "c1");
        Firm firm = testDirectory.firm();
        companies.forEach(firm::company);
        Map<String, ReferenceAccessModel.Person> people = new HashMap<>();
        List<String> keys = new ArrayList<>();
        int count = 4 + random.nextInt(3);
        Map<String, List<String>> memberships = new HashMap<>();
        Map<String, List<String>> favourites = new HashMap<>();
        Map<String, Boolean> collaborators = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String key = "p" + i;
            keys.add(key);
            boolean collaborator = i == 0 || random.nextBoolean();
            List<String> memberOf = collaborator ? List.of() : pick(random, companies, 1);
            List<String> stars = pick(random, collaborator ? companies : memberOf, 0);
            collaborators.put(key, collaborator);
            memberships.put(key, memberOf);
            favourites.put(key, stars);
            if (collaborator) {
                firm.collaborator(key, stars.toArray(String[]::new));
            } else {
                firm.client(key, memberOf, stars);
            }
        }
        firm.create();
        keys.forEach(key -> people.put(
                key,
                new ReferenceAccessModel.Person(
                        firm.id(key),
                        collaborators.get(key),
                        true,
                        ids(favourites.get(key), firm),
                        ids(memberships.get(key), firm))));
        Map<UUID, ReferenceAccessModel.Person> byId = new HashMap<>();
        people.values().forEach(p -> byId.put(p.id(), p));

        List<ReferenceAccessModel.Conversation> created = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            String author = keys.get(random.nextInt(keys.size()));
            ConversationType type = ConversationType.values()[random.nextInt(3)];
            String company = type.hasCompany()
                    ? (collaborators.get(author)
                            ? companies.get(random.nextInt(2))
                            : memberships.get(author).get(0))
                    : null;
            List<PersonChoice> eligible = reader.eligiblePeople(
                    firm.viewer(author), type, company == null ? null : firm.companyId(company), firm.suffix());
            List<UUID> chosen = eligible.stream()
                    .map(PersonChoice::id)
                    .filter(id -> byId.containsKey(id) && random.nextInt(3) > 0)
                    .toList();
            if (chosen.isEmpty()) {
                continue;
            }
            UUID id = conversations.create(
                    firm.viewer(author),
                    new NewConversation(
                            type, company == null ? null : firm.companyId(company), chosen, "Subject", "<p>Hi</p>"));
            Set<UUID> participants = new HashSet<>(chosen);
            participants.add(firm.id(author));
            created.add(new ReferenceAccessModel.Conversation(
                    id, type.name(), company == null ? null : firm.companyId(company), participants));
        }
        int checked = 0;
        for (String key : keys) {
            ReferenceAccessModel.Person person = people.get(key);
            var api = new ApiClient(
                    port, tokens.create(firm.viewer(key), "property test").value());
            Set<String> listed = new HashSet<>();
            JsonNode page = api.get("/api/v1/conversations").json();
            for (JsonNode item : page.get("items")) {
                listed.add(item.get("id").asString());
            }
            for (ReferenceAccessModel.Conversation conversation : created) {
                boolean expected = ReferenceAccessModel.hasAccess(person, conversation, byId);
                assertThat(api.get("/api/v1/conversations/" + conversation.id()).status())
                        .as("%s opening %s", key, conversation)
                        .isEqualTo(expected ? 200 : 404);
                assertThat(listed.contains(conversation.id().toString()))
                        .as("%s's inbox listing %s", key, conversation)
                        .isEqualTo(expected);
                checked++;
            }
        }
        return checked;
    }

    private static List<String> pick(Random random, List<String> from, int atLeast) {
        List<String> picked = new ArrayList<>();
        for (String candidate : from) {
            if (random.nextBoolean()) {
                picked.add(candidate);
            }
        }
        if (picked.size() < atLeast && !from.isEmpty()) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return picked;
    }

    private static Set<UUID> ids(List<String> companies, Firm firm) {
        Set<UUID> ids = new HashSet<>();
        companies.forEach(c -> ids.add(firm.companyId(c)));
        return ids;
    }
}
