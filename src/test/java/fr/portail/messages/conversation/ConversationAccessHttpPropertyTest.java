package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.CaseCounter;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.PropertyRun;
import fr.portail.messages.support.World;
import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Person;
import fr.portail.messages.support.WorldGenerator;
import fr.portail.messages.support.WorldStore;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The access property through HTTP, on generated worlds stored in the shared database: what each active person can
 * open with {@code GET /api/v1/conversations/{id}} and what their inbox lists are exactly what the reference model
 * grants; a refused conversation, its reply and its attachment answer 404 with the very bytes of a conversation or
 * attachment that does not exist (the problem names the requested path, so the id in it is replaced by a placeholder
 * on both sides before comparing).
 */
@IntegrationTest
class ConversationAccessHttpPropertyTest {

    private static final String PROPERTY = "access-http";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DirectoryService directory;

    @Autowired
    AccessTokens tokens;

    private final CaseCounter cases =
            new CaseCounter(PROPERTY).expect("opened", "refused, same 404 as missing", "reply refused, same 404");

    @Test
    void eachPersonOpensAndListsExactlyWhatTheRulesGrantAndNothingTellsForbiddenFromMissing() {
        List<Long> seeds = PropertyRun.seeds(PROPERTY, 8);
        PropertyRun.check(PROPERTY, seeds, WorldGenerator::world, World::smaller, World::describe, this::check);
        if (PropertyRun.fullRun()) {
            cases.assertEachAtLeast(20);
        }
    }

    private void check(World generated) {
        World world = generated.withFreshIds();
        WorldStore.Stored stored =
                new TransactionTemplate(transactionManager).execute(status -> WorldStore.insert(jdbc, world));
        for (Person person : world.people()) {
            if (!person.active()) {
                continue; // a deactivated person has no token that works: covered by DeactivationTest
            }
            var api = new ApiClient(
                    port,
                    tokens.create(directory.activeViewer(person.id()).orElseThrow(), "property")
                            .value());
            Set<String> listed = new HashSet<>();
            for (JsonNode item : api.get("/api/v1/conversations").json().get("items")) {
                listed.add(item.get("id").asString());
            }
            UUID missing = UUID.randomUUID();
            for (Conversation conversation : world.conversations()) {
                boolean expected = ReferenceAccessModel.hasAccess(world, person, conversation);
                String pair = world.name(person.id()) + " on " + world.name(conversation.id());
                assertThat(listed.contains(conversation.id().toString()))
                        .as("%s: inbox", pair)
                        .isEqualTo(expected);
                var opened = api.download("/api/v1/conversations/" + conversation.id());
                if (expected) {
                    assertThat(opened.status()).as("%s: open", pair).isEqualTo(200);
                    cases.count("opened");
                    continue;
                }
                assertThat(opened.status()).as("%s: open", pair).isEqualTo(404);
                assertSameBytes(
                        pair + ": open",
                        opened.body(),
                        conversation.id(),
                        api.download("/api/v1/conversations/" + missing).body(),
                        missing);
                String reply = "{\"html\": \"<p>Bonjour</p>\"}";
                var replied = api.post("/api/v1/conversations/" + conversation.id() + "/messages", reply);
                assertThat(replied.status()).as("%s: reply", pair).isEqualTo(404);
                assertSameBytes(
                        pair + ": reply",
                        replied.body().getBytes(StandardCharsets.UTF_8),
                        conversation.id(),
                        api.post("/api/v1/conversations/" + missing + "/messages", reply)
                                .body()
                                .getBytes(StandardCharsets.UTF_8),
                        missing);
                UUID attachment = stored.attachmentOf().get(conversation.id());
                var downloaded = api.download("/api/v1/attachments/" + attachment);
                assertThat(downloaded.status()).as("%s: download", pair).isEqualTo(404);
                assertSameBytes(
                        pair + ": download",
                        downloaded.body(),
                        attachment,
                        api.download("/api/v1/attachments/" + missing).body(),
                        missing);
                cases.count("refused, same 404 as missing");
                cases.count("reply refused, same 404");
            }
        }
    }

    private static void assertSameBytes(String what, byte[] refused, UUID refusedId, byte[] missing, UUID missingId) {
        assertThat(withoutId(refused, refusedId))
                .as("%s: the 404 of a forbidden id is byte for byte that of a missing one", what)
                .isEqualTo(withoutId(missing, missingId));
    }

    private static byte[] withoutId(byte[] body, UUID id) {
        return new String(body, StandardCharsets.UTF_8)
                .replace(id.toString(), "{id}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
