package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestCompany;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationJourneyBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    DirectoryImporter importer;

    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final Browser browser = Browser.launch();

    private Page page;

    /** A fresh profile per test; {@link Browser} fails the test on script errors and failed requests. */
    @BeforeEach
    void openPage() {
        page = browser.newSession(baseUrl());
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The same URL on the test server: links built from {@code messages.public-url} point at port 8080. */
    private String onTestServer(String absoluteUrl) {
        return absoluteUrl.replaceFirst("^https?://[^/]+", baseUrl());
    }

    @Test
    void invitedClientChoosesAPasswordThenStarsItsCompany() {
        TestUser admin = directory.admin();
        TestCompany company = directory.company(TestDirectory.unique("BOUL"), "Boulangerie Dupont");
        String email = TestDirectory.uniqueEmail("paul");
        ImportResult imported = importer.importDirectory(
                new DirectoryFile(
                        List.of(),
                        List.of(new PersonEntry(
                                email, "Paul Dupont", "CLIENT", false, List.of(company.externalId()), List.of()))),
                admin.id());
        UUID paul = imported.users().get(0).id();

        page.navigate(onTestServer(imported.invitations().get(0).url()));
        assertThat(page.getByRole(AriaRole.HEADING)).containsText("Paul Dupont");
        Browser.screenshot(page, "invitation-page");

        page.getByLabel("Mot de passe", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true))
                .fill("court");
        page.getByLabel("Confirmation du mot de passe").fill("court");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Enregistrer"))
                .click();
        assertThat(page.locator(".invalid-feedback").first()).containsText("au moins 12 caractères");
        Browser.screenshot(page, "invitation-page-error");

        page.getByLabel("Mot de passe", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true))
                .fill("farine levain four 1890");
        page.getByLabel("Confirmation du mot de passe").fill("farine levain four 1890");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Enregistrer"))
                .click();
        page.waitForURL(baseUrl() + "/");

        page.navigate("/entreprises");
        Locator row = page.locator("li[data-company='" + company.externalId() + "']");
        Locator star = row.getByTestId("star-button");
        assertThat(row).containsText("Boulangerie Dupont");
        assertThat(star).hasAttribute("aria-pressed", "false");

        star.click();

        Locator starred =
                page.locator("li[data-company='" + company.externalId() + "']").getByTestId("star-button");
        assertThat(starred).hasAttribute("aria-pressed", "true");
        assertThat(starred).hasClass(Pattern.compile("\\bis-starred\\b"));
        Browser.screenshot(page, "companies-page");
        assertThat(jdbc.sql("select company_id from favourite where person_id = ?")
                        .param(paul)
                        .query(UUID.class)
                        .list())
                .containsExactly(company.id());

        page.reload();
        assertThat(page.locator("li[data-company='" + company.externalId() + "']")
                        .getByTestId("star-button"))
                .hasAttribute("aria-pressed", "true");
    }
}
