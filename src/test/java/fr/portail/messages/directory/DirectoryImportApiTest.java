package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class DirectoryImportApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    HttpUser admin;

    @BeforeEach
    void signInAsAdministrator() {
        TestUser administrator = directory.admin();
        admin = new HttpUser(port).signedIn(administrator.email(), administrator.password());
    }

    @Test
    void importCreatesCompaniesAndPeopleAndReturnsTheirIdsAndInvitations() {
        String companyId = TestDirectory.unique("DUP");
        String collaborator = TestDirectory.uniqueEmail("alice");
        String client = TestDirectory.uniqueEmail("paul");

        Response answer = admin.jsonWithCsrf("PUT", "/api/v1/admin/directory", """
                {"companies": [{"externalId": "%s", "name": "Boulangerie Dupont"}],
                 "users": [
                   {"email": "%s", "name": "Alice Martin", "kind": "COLLABORATOR", "admin": false,
                    "companies": [], "favourites": ["%s"]},
                   {"email": "%s", "name": "Paul Dupont", "kind": "CLIENT",
                    "companies": ["%s"], "favourites": ["%s"]}]}
                """.formatted(
                        companyId, collaborator.toUpperCase(), companyId, client, companyId, companyId));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.at("/created/companies").asInt()).isEqualTo(1);
        assertThat(body.at("/created/users").asInt()).isEqualTo(2);
        assertThat(body.at("/companies/0/externalId").asString()).isEqualTo(companyId);
        UUID company = UUID.fromString(body.at("/companies/0/id").asString());
        assertThat(companyName(company)).isEqualTo("Boulangerie Dupont");
        assertThat(body.at("/users").findValuesAsString("email")).containsExactly(collaborator, client);
        assertThat(body.at("/invitations").findValuesAsString("email")).containsExactlyInAnyOrder(collaborator, client);
        assertThat(body.at("/invitations").findValuesAsString("url"))
                .allSatisfy(url -> assertThat(url).matches("https?://[^/]+/invitations/[A-Za-z0-9_-]{40,}"));
        UUID paul = UUID.fromString(body.at("/users/1/id").asString());
        assertThat(favourites(paul)).containsExactly(company);
        assertThat(memberships(paul)).containsExactly(company);
    }

    @Test
    void reimportUpdatesNamesAndReplacesMembershipsWithoutNewInvitations() {
        var first = directory.company();
        var second = directory.company();
        TestUser client = directory.client(first);

        Response answer = admin.jsonWithCsrf("PUT", "/api/v1/admin/directory", """
                {"companies": [{"externalId": "%s", "name": "Nouveau nom"}],
                 "users": [{"email": "%s", "name": "Nom changé", "kind": "CLIENT",
                            "companies": ["%s"], "favourites": []}]}
                """.formatted(
                        first.externalId(), client.email(), second.externalId()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.at("/created/companies").asInt()).isZero();
        assertThat(body.at("/created/users").asInt()).isZero();
        assertThat(body.at("/updated/companies").asInt()).isEqualTo(1);
        assertThat(body.at("/updated/users").asInt()).isEqualTo(1);
        assertThat(body.at("/users/0/id").asString()).isEqualTo(client.id().toString());
        assertThat(body.at("/invitations").size()).isZero();
        assertThat(companyName(first.id())).isEqualTo("Nouveau nom");
        assertThat(memberships(client.id())).containsExactly(second.id());
    }

    @Test
    void invalidFileIsRejectedWithEveryErrorAndChangesNothing() {
        var company = directory.company();
        String newCompany = TestDirectory.unique("NEW");
        String newPerson = TestDirectory.uniqueEmail("nobody");
        String duplicate = TestDirectory.uniqueEmail("twice");

        Response answer = admin.jsonWithCsrf("PUT", "/api/v1/admin/directory", """
                {"companies": [{"externalId": "%s", "name": "Ne doit pas exister"}],
                 "users": [
                   {"email": "%s", "name": "Valide", "kind": "CLIENT", "companies": ["%s"], "favourites": []},
                   {"email": "%s", "name": "Entreprise inconnue", "kind": "CLIENT",
                    "companies": ["NO-SUCH-COMPANY"], "favourites": []},
                   {"email": "%s", "name": "Favori interdit", "kind": "CLIENT",
                    "companies": [], "favourites": ["%s"]},
                   {"email": "not-an-email", "name": "Mauvaise adresse", "kind": "CLIENT"},
                   {"email": "%s", "name": "Deux fois", "kind": "COLLABORATOR"},
                   {"email": "%s", "name": "Deux fois", "kind": "COLLABORATOR"}]}
                """.formatted(
                        newCompany,
                        newPerson,
                        newCompany,
                        TestDirectory.uniqueEmail("unknown"),
                        TestDirectory.uniqueEmail("fav"),
                        company.externalId(),
                        duplicate,
                        duplicate.toUpperCase()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        JsonNode errors = JSON.readTree(answer.body()).get("errors");
        assertThat(errors.findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "users[1].companies", "users[2].favourites", "users[3].email", "users[5].email");
        assertThat(errors.findValuesAsString("message"))
                .allSatisfy(message -> assertThat(message).isNotBlank());
        assertThat(errors.findValuesAsString("message"))
                .anySatisfy(message -> assertThat(message).contains("NO-SUCH-COMPANY"));
        assertThat(jdbc.sql("select count(*) from company where external_id = ?")
                        .param(newCompany)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from person where email = ?")
                        .param(newPerson)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void problemMessagesFollowTheCallersLanguage() {
        Response answer = admin.json(
                "PUT",
                "/api/v1/admin/directory",
                "{\"users\": [{\"email\": \"bad\", \"name\": \"X\", \"kind\": \"CLIENT\"}]}",
                "X-CSRF-TOKEN",
                HttpUser.csrfToken(admin.get("/entreprises")),
                "Accept-Language",
                "en-GB,en;q=0.9");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).at("/errors/0/message").asString())
                .isEqualTo("\"bad\" is not a valid e-mail address.");
    }

    @Test
    void dryRunReportsWhatWouldChangeButChangesNothing() {
        String externalId = TestDirectory.unique("DRY");
        String email = TestDirectory.uniqueEmail("dry");

        Response answer = admin.jsonWithCsrf(
                "PUT", "/api/v1/admin/directory?dryRun=true", """
                {"companies": [{"externalId": "%s", "name": "Essai"}],
                 "users": [{"email": "%s", "name": "Essai", "kind": "CLIENT", "companies": ["%s"]}]}
                """.formatted(externalId, email, externalId));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.at("/created/companies").asInt()).isEqualTo(1);
        assertThat(body.at("/created/users").asInt()).isEqualTo(1);
        assertThat(body.at("/invitations").size()).isZero();
        assertThat(jdbc.sql("select count(*) from company where external_id = ?")
                        .param(externalId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from person where email = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void nonAdministratorIsForbiddenToImport() {
        TestUser collaborator = directory.collaborator();
        HttpUser notAdmin = new HttpUser(port).signedIn(collaborator.email(), collaborator.password());
        String externalId = TestDirectory.unique("FORBIDDEN");

        Response answer = notAdmin.jsonWithCsrf(
                "PUT",
                "/api/v1/admin/directory",
                "{\"companies\": [{\"externalId\": \"%s\", \"name\": \"X\"}]}".formatted(externalId));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from company where external_id = ?")
                        .param(externalId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String companyName(UUID id) {
        return jdbc.sql("select name from company where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private List<UUID> memberships(UUID personId) {
        return jdbc.sql("select company_id from membership where person_id = ?")
                .param(personId)
                .query(UUID.class)
                .list();
    }

    private List<UUID> favourites(UUID personId) {
        return jdbc.sql("select company_id from favourite where person_id = ?")
                .param(personId)
                .query(UUID.class)
                .list();
    }
}
