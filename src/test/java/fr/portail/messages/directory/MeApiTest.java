package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestCompany;
import fr.portail.messages.support.TestDirectory.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class MeApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Test
    void meDescribesTheCallerWithCompaniesAndFavourites() {
        TestCompany company = directory.company();
        TestUser client = directory.client(company);
        HttpUser session = new HttpUser(port).signedIn(client.email(), client.password());
        session.jsonWithCsrf("PUT", "/api/v1/me/favourites/" + company.id(), null);

        Response answer = session.json("GET", "/api/v1/me", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).startsWith("application/json");
        JsonNode me = JSON.readTree(answer.body());
        assertThat(me.get("id").asString()).isEqualTo(client.id().toString());
        assertThat(me.get("name").asString()).isEqualTo(client.name());
        assertThat(me.get("email").asString()).isEqualTo(client.email());
        assertThat(me.get("kind").asString()).isEqualTo("CLIENT");
        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(me.at("/companies/0/id").asString()).isEqualTo(company.id().toString());
        assertThat(me.at("/companies/0/externalId").asString()).isEqualTo(company.externalId());
        assertThat(me.at("/companies/0/name").asString()).isEqualTo(company.name());
        assertThat(me.get("favourites").findValuesAsString("id"))
                .containsExactly(company.id().toString());
        assertThat(me.has("passwordHash")).isFalse();
    }

    @Test
    void administratorIsACollaboratorWithAdminTrue() {
        TestUser admin = directory.admin();

        JsonNode me = JSON.readTree(new HttpUser(port)
                .signedIn(admin.email(), admin.password())
                .json("GET", "/api/v1/me", null)
                .body());

        assertThat(me.get("kind").asString()).isEqualTo("COLLABORATOR");
        assertThat(me.get("admin").asBoolean()).isTrue();
        assertThat(me.get("companies").size()).isZero();
    }

    @Test
    void anonymousCallerGetsAProblemNotTheLoginPage() {
        Response answer = new HttpUser(port).json("GET", "/api/v1/me", null, "Accept-Language", "en");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).get("detail").asString()).isEqualTo("Authentication required.");
    }
}
