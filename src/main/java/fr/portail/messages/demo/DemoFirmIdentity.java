package fr.portail.messages.demo;

import fr.portail.messages.firm.FirmIdentityService;
import fr.portail.messages.firm.FirmSettings;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The demo firm's identity — name, colour, contact, legal notice and a monogram logo — set through the same service
 * as an administrator's changes. The code and the message bundles name no firm: a real firm starts neutral.
 */
final class DemoFirmIdentity {

    static final FirmSettings SETTINGS =
            new FirmSettings("Cabinet Martin & Associés", "#0b5d5e", "contact@cabinet.example", """
            Cabinet Martin & Associés — société d'expertise comptable inscrite au tableau de l'Ordre des \
            experts-comptables (région fictive de démonstration).
            SAS au capital de 10 000 € — RCS Exemple 000 000 000 — 1 rue de la Démonstration, 75000 Paris.""");

    private DemoFirmIdentity() {}

    static void apply(FirmIdentityService identities) {
        identities.update(null, SETTINGS);
        identities.replaceLogo(null, new ByteArrayInputStream(monogram()));
    }

    /** An "M" on the brand colour, drawn with shapes only: no font is needed on a server without any. */
    static byte[] monogram() {
        var image = new BufferedImage(160, 160, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.decode(SETTINGS.brandColour()));
            g.fill(new RoundRectangle2D.Double(0, 0, 160, 160, 40, 40));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            var letter = new Path2D.Double();
            letter.moveTo(40, 112);
            letter.lineTo(40, 44);
            letter.lineTo(80, 88);
            letter.lineTo(120, 44);
            letter.lineTo(120, 112);
            g.draw(letter);
            g.setColor(new Color(0xe0a100));
            g.fill(new RoundRectangle2D.Double(36, 126, 88, 10, 10, 10));
        } finally {
            g.dispose();
        }
        var png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
