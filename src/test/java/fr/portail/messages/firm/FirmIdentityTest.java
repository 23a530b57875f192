package fr.portail.messages.firm;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.EmbeddedMailServer.CaughtEmail;
import fr.portail.messages.support.CaughtMails;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The firm's identity end to end: set on the administration page, shown on the login page, the pages and in the
 * e-mails; refused when unreadable; the logo served clean. Each test puts the neutral identity back.
 */
@IntegrationTest
class FirmIdentityTest {

    private static final String NAME = "Cabinet Durand & <Fils>";
    private static final String FOOTER = "SAS Durand — RCS Lyon 123 456 789\nInscrit au tableau de l'Ordre";

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    FirmIdentityService identities;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    EmbeddedMailServer mailServer;

    @Autowired
    fr.portail.messages.notification.EmailPreferences preferences;

    @Autowired
    JdbcClient jdbc;

    Firm firm;
    HttpUser admin;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dur")
                .administrator("boss")
                .collaborator("anne", "dur")
                .client("paul", List.of("dur"), List.of("dur"))
                .create();
        admin = new HttpUser(port).signedIn(firm.email("boss"), TestDirectory.PASSWORD);
    }

    @AfterEach
    void neutralAgain() {
        identities.update(null, FirmSettings.of(FirmIdentity.NEUTRAL));
        identities.removeLogo(null);
    }

    @Test
    void aNewFirmIsNeutral() {
        Response login = new HttpUser(port).get("/login");
        assertThat(login.body())
                .contains("<title>Connexion — Messages</title>")
                .contains("data-testid=\"firm-name\">Messages<")
                .doesNotContain("data-testid=\"firm-logo\"")
                .doesNotContain("data-testid=\"firm-footer\"")
                .doesNotContain("Martin");
        assertThat(new HttpUser(port).get("/cabinet/theme.css").body()).contains("--app-primary: #1f4e79;");
        assertThat(new HttpUser(port).get("/cabinet/logo.png").status()).isEqualTo(404);
    }

    @Test
    void settingsChangedByAnAdministratorShowOnThePagesAndAreAudited() {
        Response saved = save("  " + NAME + "  ", "#7A1F3D", "contact@durand.example", FOOTER);
        assertThat(saved.status()).isEqualTo(302);

        Response login = new HttpUser(port).get("/login");
        assertThat(login.body())
                .contains("<title>Connexion — Cabinet Durand &amp; &lt;Fils&gt;</title>")
                .contains("Cabinet Durand &amp; &lt;Fils&gt;")
                .doesNotContain("<Fils>")
                .contains("href=\"/cabinet/theme.css?v=7a1f3d\"")
                .contains("mailto:contact@durand.example")
                .contains("SAS Durand — RCS Lyon 123 456 789");
        assertThat(new HttpUser(port).get("/cabinet/theme.css?v=7a1f3d").body())
                .contains("--app-primary: #7a1f3d;")
                .contains("--bs-primary-rgb: 122, 31, 61;");

        HttpUser paul = new HttpUser(port).signedIn(firm.email("paul"), TestDirectory.PASSWORD);
        assertThat(paul.get("/").body())
                .contains("data-testid=\"firm-name\">Cabinet Durand &amp; &lt;Fils&gt;<")
                .contains("— Cabinet Durand &amp; &lt;Fils&gt;</title>")
                .contains("Inscrit au tableau de l&#39;Ordre");

        assertThat(jdbc.sql("select details from audit_entry where actor_id = ? and action = 'FIRM_IDENTITY_CHANGED'")
                        .param(firm.id("boss"))
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("name: Messages → " + NAME)
                .contains("brand colour: #1f4e79 → #7a1f3d")
                .contains("legal footer changed");
    }

    @Test
    void everyEmailShowsTheFirmInItsHtmlAndTextPartsAndComesFromTheAuthorViaTheFirm() {
        save(NAME, "#7a1f3d", "contact@durand.example", FOOTER);
        identities.replaceLogo(firm.id("boss"), new ByteArrayInputStream(LogoImageTest.picture("png", 300, 100)));
        // One e-mail per message at once, rather than grouped after the default delay.
        preferences.change(firm.viewer("paul"), "IMMEDIATE", null, null);
        conversations.create(
                firm.viewer("anne"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dur"),
                        List.of(firm.id("paul")),
                        "Bilan " + firm.suffix(),
                        "<p>Bonjour</p>"));

        CaughtEmail email = CaughtMails.await(mailServer, firm.email("paul"), "Bilan " + firm.suffix());

        assertThat(email.from()).contains("via Cabinet Durand").contains(firm.name("anne"));
        assertThat(email.text().replace("\r\n", "\n"))
                .contains(NAME)
                .contains("contact@durand.example")
                .contains("SAS Durand — RCS Lyon 123 456 789\nInscrit au tableau de l'Ordre");
        assertThat(CaughtMails.html(email))
                .contains("Cabinet Durand &amp; &lt;Fils&gt;")
                .contains("background:#7a1f3d")
                .contains("src=\"cid:firm-logo\"")
                .contains("mailto:contact@durand.example")
                .contains("SAS Durand — RCS Lyon 123 456 789")
                .doesNotContain("#1f4e79");
        assertThat(CaughtMails.inlinePicture(email, "firm-logo"))
                .isEqualTo(identities.logo().orElseThrow());
    }

    @Test
    void aLowContrastColourIsRefusedNextToItsFieldSayingWhyAndNothingIsStored() {
        Response refused = save(NAME, "#ffcc00", "contact@durand.example", FOOTER);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"brandColour-error\"")
                .contains("le texte blanc sur #ffcc00 n&#39;a qu&#39;un contraste de 1,5:1")
                .contains("4,5:1")
                .contains("value=\"#ffcc00\"")
                .contains("value=\"Cabinet Durand &amp; &lt;Fils&gt;\"");
        assertThat(identities.current()).isEqualTo(FirmIdentity.NEUTRAL);
        assertThat(new HttpUser(port).get("/login").body()).doesNotContain("Durand");
    }

    @Test
    void otherBadValuesAreRefusedNextToTheirFields() {
        Response refused = save(" ", "navy", "not an address", "x".repeat(1001));

        assertThat(refused.body())
                .contains("id=\"name-error\"")
                .contains("id=\"brandColour-error\"")
                .contains("Indiquez une couleur hexadécimale")
                .contains("id=\"contactEmail-error\"")
                .contains("id=\"legalFooter-error\"")
                .contains("Ce champ dépasse 1");
        assertThat(identities.current()).isEqualTo(FirmIdentity.NEUTRAL);
    }

    @Test
    void theLogoIsServedRedrawnWithTheSafeHeadersOfAnAttachment() {
        byte[] polyglot = polyglotPng();
        identities.replaceLogo(firm.id("boss"), new ByteArrayInputStream(polyglot));
        FirmIdentity identity = identities.current();

        Response logo = new HttpUser(port).get(identity.logoPath());

        assertThat(logo.status()).isEqualTo(200);
        assertThat(logo.header("content-type")).isEqualTo("image/png");
        assertThat(logo.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(logo.header("content-security-policy")).startsWith("sandbox");
        assertThat(logo.header("content-disposition")).startsWith("inline");
        assertThat(logo.header("cache-control")).contains("immutable");
        assertThat(logo.body()).doesNotContain("<script").startsWith("\ufffdPNG");
        assertThat(new HttpUser(port).get("/cabinet/logo.png?v=0").header("cache-control"))
                .isEqualTo("no-cache");
        assertThat(new HttpUser(port).get("/login").body())
                .contains("src=\"/cabinet/logo.png?v=" + identity.logoVersion() + "\"");
        assertThat(jdbc.sql("select count(*) from audit_entry where actor_id = ? and action = 'FIRM_LOGO_CHANGED'")
                        .param(firm.id("boss"))
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void onlyAdministratorsReachTheSettings() {
        HttpUser anne = new HttpUser(port).signedIn(firm.email("anne"), TestDirectory.PASSWORD);
        assertThat(anne.get("/admin/cabinet").status()).isIn(403, 404);
        Response post = anne.postForm(
                "/admin/cabinet",
                Map.of(
                        "name", "Pirate",
                        "brandColour", "#000000",
                        "_csrf", HttpUser.csrfToken(anne.get("/"))));
        assertThat(post.status()).isIn(403, 404);
        assertThat(identities.current()).isEqualTo(FirmIdentity.NEUTRAL);
    }

    private Response save(String name, String colour, String contactEmail, String legalFooter) {
        String token = HttpUser.csrfToken(admin.get("/admin/cabinet"));
        return admin.postForm(
                "/admin/cabinet",
                Map.of(
                        "name", name,
                        "brandColour", colour,
                        "contactEmail", contactEmail,
                        "legalFooter", legalFooter,
                        "_csrf", token));
    }

    /** A PNG that is also an HTML page: a script in a text chunk and a page after its end. */
    private static byte[] polyglotPng() {
        byte[] png = LogoImageTest.picture("png", 40, 20);
        byte[] trailer = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] polyglot = new byte[png.length + trailer.length];
        System.arraycopy(png, 0, polyglot, 0, png.length);
        System.arraycopy(trailer, 0, polyglot, png.length, trailer.length);
        return polyglot;
    }
}
