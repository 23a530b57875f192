package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.firm.FirmIdentity;
import fr.portail.messages.firm.FirmIdentityService;
import fr.portail.messages.firm.FirmSettings;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.EmbeddedMailServer.CaughtEmail;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.CaughtMails;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The firm's identity as people see it: the login page, the inbox and a notification e-mail, first with the demo
 * firm's identity (demo data), then with one an administrator sets on the administration page. The screenshots
 * ({@code target/screenshots/firm-*.png}) show both.
 */
class FirmIdentityBrowserTest extends DemoJourneyTest {

    private static final String ALICE = "alice.martin@cabinet.example";
    private static final String PAUL = "paul.dupont@dupont.example";
    private static final String CUSTOM_NAME = "Fiduciaire Rousseau";

    @Autowired
    FirmIdentityService identities;

    @Autowired
    EmbeddedMailServer mailServer;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    DirectoryService directory;

    @Autowired
    fr.portail.messages.notification.EmailPreferences preferences;

    @TempDir
    Path files;

    @Test
    void theDemoIdentityThenACustomOneShowOnTheLoginPageTheInboxAndTheEmails() throws IOException {
        FirmIdentity demo = identities.current();
        byte[] demoLogo = identities.logo().orElseThrow();
        try {
            // The demo firm, as the demo data sets it.
            org.assertj.core.api.Assertions.assertThat(demo.name()).isEqualTo("Cabinet Martin & Associés");
            shoot("demo", "Cabinet Martin & Associés", newConversationFor(PAUL));

            // An administrator gives the firm its own identity.
            Page alice = signedIn(ALICE);
            alice.navigate("/admin/cabinet");
            alice.fill("#name", CUSTOM_NAME);
            alice.fill("#brandColour", "#ffcc00");
            alice.fill("#contactEmail", "bonjour@rousseau.example");
            alice.fill(
                    "#legalFooter",
                    "Fiduciaire Rousseau SARL — expert-comptable inscrit à l'Ordre\nRCS Exemple 111 222 333");
            alice.click("[data-testid=firm-form] button[type=submit]");
            assertThat(alice.locator("[data-testid=colour-error]")).containsText("4,5:1");
            assertThat(alice.locator("#name")).hasValue(CUSTOM_NAME);
            Browser.screenshot(alice, "firm-admin-colour-refused");

            alice.fill("#brandColour", "#7a1f3d");
            alice.click("[data-testid=firm-form] button[type=submit]");
            assertThat(alice.locator("[data-testid=admin-notice]")).isVisible();

            Path svg = files.resolve("logo.png");
            Files.writeString(
                    svg,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                    StandardCharsets.UTF_8);
            alice.setInputFiles("#logo", svg);
            alice.click("[data-testid=logo-form] button[type=submit]");
            assertThat(alice.locator("#logo-error")).containsText("PNG, JPEG ou WebP");
            Browser.screenshot(alice, "firm-admin-logo-refused");

            Path logo = files.resolve("rousseau.png");
            Files.write(logo, customLogo());
            alice.setInputFiles("#logo", logo);
            alice.click("[data-testid=logo-form] button[type=submit]");
            assertThat(alice.locator("[data-testid=admin-notice]")).isVisible();
            assertThat(alice.locator("[data-testid=firm-name]")).hasText(CUSTOM_NAME);
            Browser.screenshot(alice, "firm-admin-custom");

            shoot("custom", CUSTOM_NAME, newConversationFor(PAUL));
        } finally {
            identities.update(null, FirmSettings.of(demo));
            identities.replaceLogo(null, new ByteArrayInputStream(demoLogo));
        }
    }

    /** Screenshots of the login page, Alice's inbox and an e-mail to Paul about {@code subject}. */
    private void shoot(String label, String firmName, String subject) {
        Page visitor = anonymous();
        visitor.navigate("/login");
        assertThat(visitor.locator("[data-testid=firm-name]")).hasText(firmName);
        org.assertj.core.api.Assertions.assertThat(visitor.title()).endsWith(" — " + firmName);
        assertLogoShown(visitor);
        assertThat(visitor.locator("[data-testid=firm-footer]")).isVisible();
        Browser.screenshot(visitor, "firm-" + label + "-login");
        visitor.setViewportSize(390, 844);
        Browser.screenshot(visitor, "firm-" + label + "-login-390");

        Page alice = signedIn(ALICE);
        assertThat(alice.locator("[data-testid=firm-name]")).hasText(firmName);
        org.assertj.core.api.Assertions.assertThat(alice.title()).endsWith(" — " + firmName);
        assertLogoShown(alice);
        Browser.screenshot(alice, "firm-" + label + "-inbox");
        alice.setViewportSize(390, 844);
        Browser.screenshot(alice, "firm-" + label + "-inbox-390");

        CaughtEmail email = CaughtMails.await(mailServer, PAUL, subject);
        org.assertj.core.api.Assertions.assertThat(email.from()).contains("via " + firmName);
        org.assertj.core.api.Assertions.assertThat(email.text()).contains(firmName);
        Page reader = anonymous();
        reader.setContent(CaughtMails.htmlAsShown(email));
        assertThat(reader.locator("[data-firm-footer]")).containsText(firmName);
        assertLogoShown(reader, "[data-firm-logo]");
        Browser.screenshot(reader, "firm-" + label + "-email");
    }

    private static void assertLogoShown(Page page) {
        assertLogoShown(page, "[data-testid=firm-logo]");
    }

    private static void assertLogoShown(Page page, String selector) {
        var logo = page.locator(selector).first();
        assertThat(logo).isVisible();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) logo.evaluate("img => img.complete ? img.naturalWidth : 0")).intValue() > 0);
    }

    private String newConversationFor(String recipient) {
        Viewer alice = viewer(ALICE);
        // One e-mail per message at once, rather than grouped after the default delay.
        preferences.change(viewer(recipient), "IMMEDIATE", null, null);
        String subject = "Lettre de mission " + UUID.randomUUID().toString().substring(0, 8);
        conversations.create(
                alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        companyOf(recipient),
                        List.of(viewer(recipient).id()),
                        subject,
                        "<p>Bonjour Paul, voici la lettre de mission pour 2026.</p>"));
        return subject;
    }

    private Viewer viewer(String email) {
        return directory.activeViewerByEmail(email).orElseThrow();
    }

    private UUID companyOf(String email) {
        return directory.profile(viewer(email)).companies().get(0).id();
    }

    /** A round seal and two bars in the custom colour, drawn with shapes only. */
    private static byte[] customLogo() throws IOException {
        var image = new BufferedImage(360, 120, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x7a1f3d));
        g.fill(new Ellipse2D.Double(4, 4, 112, 112));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(40, 84, 60, 36);
        g.drawLine(60, 36, 80, 84);
        g.setColor(new Color(0x7a1f3d));
        g.fillRoundRect(136, 30, 210, 22, 12, 12);
        g.setColor(new Color(0xc9a227));
        g.fillRoundRect(136, 68, 150, 22, 12, 12);
        g.dispose();
        var png = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
