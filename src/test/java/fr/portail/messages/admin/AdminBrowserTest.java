package fr.portail.messages.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The administration in a real browser: an administrator invites a client, the client opens the link from the e-mail,
 * chooses a password and stars its company; the administrator deactivates them and the client's next page is the
 * login page. Screenshots of every administration page go to target/screenshots/admin-*.png.
 */
@AdminIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTest {

    private static final Pattern INVITATION = Pattern.compile("https?://[^\\s]+?(/invitations/[A-Za-z0-9_-]+)");

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    InvitationService invitations;

    @Autowired
    EmbeddedMailServer mail;

    @RegisterExtension
    static final Browser browser = Browser.launch();

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void administratorInvitesAClientWhoStarsItsCompanyThenIsDeactivatedAndSignedOut(
            @org.junit.jupiter.api.io.TempDir Path files) throws Exception {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .administrator("boss", "dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        String companyName = firm.name("dup").toLowerCase();
        String clientEmail = "lea." + UUID.randomUUID().toString().substring(0, 8) + "@client.example";

        Page admin = browser.newSession(baseUrl());
        admin.onDialog(dialog -> dialog.accept());
        Browser.signIn(admin, firm.email("boss"), TestDirectory.PASSWORD);
        admin.navigate("/admin");
        assertThat(admin.locator("[data-testid=admin-home]")).isVisible();
        Browser.screenshot(admin, "admin-home");

        // Invite a client of "dup".
        admin.click("[data-testid=admin-home] a[href=\"/admin/utilisateurs\"]");
        admin.waitForURL("**/admin/utilisateurs");
        Browser.screenshot(admin, "admin-users");
        admin.click("[data-testid=invite-client]");
        admin.waitForURL("**/admin/utilisateurs/inviter**");
        admin.fill("#name", "Léa Client");
        admin.fill("#email", clientEmail);
        admin.click("#companyIds-ts-control");
        admin.keyboard().type(companyName);
        admin.locator("#companyIds-ts-dropdown .option", new Page.LocatorOptions().setHasText(companyName))
                .first()
                .click();
        admin.click("#name");
        Browser.screenshot(admin, "admin-invite");
        admin.click("[data-testid=invite-submit]");
        admin.waitForURL(url -> url.matches(".*/admin/utilisateurs/[0-9a-f-]{36}$"));
        assertThat(admin.locator("[data-testid=invitation-url]")).isVisible();
        assertThat(admin.locator("[data-testid=membership-list]")).containsText(companyName);
        Browser.screenshot(admin, "admin-user");
        String personUrl = admin.url();

        // The client opens the link of the e-mail (its host is the configured public URL: point it at this server).
        String body = mail.receivedEmails().stream()
                .filter(caught -> caught.to().contains(clientEmail))
                .findFirst()
                .orElseThrow()
                .rawBody()
                .replace("=\r\n", "");
        Matcher link = INVITATION.matcher(body);
        assertThat(link.find()).isTrue();
        assertThat(admin.locator("[data-testid=invitation-url]").inputValue()).endsWith(link.group(1));
        Page client = browser.newSession(baseUrl());
        client.navigate(link.group(1));
        client.fill("#password", TestDirectory.PASSWORD);
        client.fill("#passwordConfirmation", TestDirectory.PASSWORD);
        client.click("button[type=submit]");
        client.waitForURL(url -> !url.contains("/invitations/"));
        client.navigate("/entreprises");
        Locator row = client.locator("[data-company=" + firm.externalId("dup") + "]");
        assertThat(row).isVisible();
        assertThat(client.locator("[data-company=" + firm.externalId("gar") + "]"))
                .hasCount(0);
        row.locator("[data-testid=star-button]").click();
        assertThat(row.locator("[data-testid=star-button]")).hasClass(Pattern.compile("is-starred"));

        // The administrator sees the star, then deactivates the client.
        admin.navigate("/admin/entreprises/" + firm.companyId("dup"));
        assertThat(admin.locator("[data-testid=member-list] [data-person='" + clientEmail + "'] .bi-star-fill"))
                .hasCount(1);
        Browser.screenshot(admin, "admin-company");
        admin.navigate(personUrl);
        admin.click("[data-testid=deactivate]");
        assertThat(admin.locator("[data-testid=admin-notice]")).isVisible();
        assertThat(admin.locator("[data-testid=activate]")).isVisible();

        client.navigate("/entreprises");
        client.waitForURL("**/login**");
        assertThat(client.locator("#username")).isVisible();

        // The other administration pages, for people to look at.
        admin.navigate("/admin/entreprises");
        Browser.screenshot(admin, "admin-companies");
        Path people = files.resolve("people.csv");
        Files.writeString(
                people,
                "email,name,kind,admin,companies,favourites\n"
                        + "bad-email,Quelqu'un,CLIENT,,UNKNOWN,\n"
                        + "new." + UUID.randomUUID().toString().substring(0, 6)
                        + "@test.example,Nouveau,COLLABORATOR,false,,"
                        + firm.externalId("dup") + "\n",
                StandardCharsets.UTF_8);
        admin.navigate("/admin/import");
        admin.setInputFiles("#usersFile", people);
        admin.click("[data-testid=dry-run]");
        assertThat(admin.locator("[data-testid=import-errors]")).isVisible();
        Browser.screenshot(admin, "admin-import");
        admin.navigate("/admin/audit?person=" + personUrl.substring(personUrl.lastIndexOf('/') + 1));
        assertThat(admin.locator("[data-testid=audit-table] [data-action=PERSON_DEACTIVATED]"))
                .hasCount(1);
        assertThat(admin.locator("[data-testid=audit-table] [data-action=PERSON_INVITED]"))
                .hasCount(1);
        Browser.screenshot(admin, "admin-audit");
    }
}
