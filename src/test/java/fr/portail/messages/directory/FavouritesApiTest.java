package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestCompany;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class FavouritesApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void clientStarsAndUnstarsItsOwnCompany() {
        TestCompany own = directory.company();
        TestUser client = directory.client(own);
        HttpUser session = signIn(client);

        assertThat(session.jsonWithCsrf("PUT", "/api/v1/me/favourites/" + own.id(), null)
                        .status())
                .isEqualTo(204);
        assertThat(favourites(client)).containsExactly(own.id());

        assertThat(session.jsonWithCsrf("DELETE", "/api/v1/me/favourites/" + own.id(), null)
                        .status())
                .isEqualTo(204);
        assertThat(favourites(client)).isEmpty();
    }

    @Test
    void clientCannotStarACompanyItIsNotMemberOfAndLearnsNothingAboutIt() {
        TestCompany own = directory.company();
        TestCompany other = directory.company();
        TestUser client = directory.client(own);
        HttpUser session = signIn(client);

        Response otherCompany = session.jsonWithCsrf("PUT", "/api/v1/me/favourites/" + other.id(), null);
        Response missingCompany = session.jsonWithCsrf("PUT", "/api/v1/me/favourites/" + UUID.randomUUID(), null);

        assertThat(otherCompany.status()).isEqualTo(404);
        assertThat(otherCompany.header("content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(otherCompany.body()).get("detail"))
                .isEqualTo(JSON.readTree(missingCompany.body()).get("detail"));
        assertThat(favourites(client)).isEmpty();
    }

    @Test
    void leavingACompanyByReimportRemovesItsStar() {
        TestCompany company = directory.company();
        TestUser client = directory.client(company);
        signIn(client).jsonWithCsrf("PUT", "/api/v1/me/favourites/" + company.id(), null);
        assertThat(favourites(client)).containsExactly(company.id());

        directory.importFile(new DirectoryFile(
                List.of(), List.of(new PersonEntry(client.email(), client.name(), "CLIENT", null, List.of(), null))));

        assertThat(favourites(client)).isEmpty();
    }

    @Test
    void collaboratorMayStarAnyCompany() {
        TestCompany company = directory.company();
        TestUser collaborator = directory.collaborator();

        Response answer = signIn(collaborator).jsonWithCsrf("PUT", "/api/v1/me/favourites/" + company.id(), null);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(favourites(collaborator)).containsExactly(company.id());
    }

    @Test
    void clientPicksOnlyItsOwnCompaniesFavouritesFirst() {
        TestCompany first = directory.company(TestDirectory.unique("PICK"), "Alpha " + TestDirectory.unique("a"));
        TestCompany second = directory.company(TestDirectory.unique("PICK"), "Bravo " + TestDirectory.unique("b"));
        directory.company();
        TestUser client = directory.client(first, second);
        HttpUser session = signIn(client);
        session.jsonWithCsrf("PUT", "/api/v1/me/favourites/" + second.id(), null);

        JsonNode companies =
                JSON.readTree(session.json("GET", "/api/v1/companies", null).body());

        assertThat(companies.findValuesAsString("externalId")).containsExactly(second.externalId(), first.externalId());
        assertThat(companies.findValues("favourite"))
                .extracting(JsonNode::asBoolean)
                .containsExactly(true, false);
    }

    @Test
    void companySearchMatchesNameOrExternalIdWithoutWildcards() {
        String marker = TestDirectory.unique("zq");
        TestCompany company = directory.company(TestDirectory.unique("SRCH"), "Cabinet " + marker + " SARL");
        TestUser collaborator = directory.collaborator();
        HttpUser session = signIn(collaborator);

        JsonNode byName = JSON.readTree(session.json("GET", "/api/v1/companies?q=" + marker.toUpperCase(), null)
                .body());
        JsonNode wildcard = JSON.readTree(
                session.json("GET", "/api/v1/companies?q=%25", null).body());

        assertThat(byName.findValuesAsString("id")).containsExactly(company.id().toString());
        assertThat(wildcard.findValuesAsString("id"))
                .doesNotContain(company.id().toString());
    }

    private HttpUser signIn(TestUser user) {
        return new HttpUser(port).signedIn(user.email(), user.password());
    }

    private List<UUID> favourites(TestUser user) {
        return jdbc.sql("select company_id from favourite where person_id = ?")
                .param(user.id())
                .query(UUID.class)
                .list();
    }
}
