package fr.portail.messages.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.platform.InvalidInputException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Uploaded logos: only PNG, JPEG and WebP pictures, re-encoded so that nothing but their pixels survives. */
class LogoImageTest {

    /** A 1×1 lossy WebP and a 1×1 lossless one: the smallest files of each kind. */
    private static final byte[] WEBP_LOSSY =
            Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    private static final byte[] WEBP_LOSSLESS =
            Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private static final String SCRIPT = "<script>alert(document.cookie)</script>";

    @Test
    void pngAndJpegAreRedrawnAsPng() throws IOException {
        for (String format : new String[] {"png", "jpeg"}) {
            byte[] clean = LogoImage.reencode(picture(format, 120, 40));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean));
            assertThat(LogoImage.Format.of(clean)).isEqualTo(LogoImage.Format.PNG);
            assertThat(decoded.getWidth()).isEqualTo(120);
            assertThat(decoded.getHeight()).isEqualTo(40);
            // The pixels survive the trip.
            assertThat(new Color(decoded.getRGB(10, 10)).getRed()).isGreaterThan(100);
        }
    }

    @Test
    void webpPicturesAreReadToo() throws IOException {
        for (byte[] webp : new byte[][] {WEBP_LOSSY, WEBP_LOSSLESS}) {
            byte[] clean = LogoImage.reencode(webp);
            assertThat(LogoImage.Format.of(clean)).isEqualTo(LogoImage.Format.PNG);
            assertThat(ImageIO.read(new ByteArrayInputStream(clean)).getWidth()).isEqualTo(1);
        }
    }

    @Test
    void largePicturesShrinkToTheBoxKeepingTheirProportions() throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(LogoImage.reencode(picture("png", 1800, 300))));
        assertThat(decoded.getWidth()).isEqualTo(LogoImage.MAX_WIDTH);
        assertThat(decoded.getHeight()).isEqualTo(80);
    }

    @Test
    void anSvgRenamedPngIsRefused() {
        byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script>"
                        + "<rect width=\"10\" height=\"10\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(svg, "firm.logo.error.type");
    }

    @Test
    void aPolyglotPngComesOutWithItsPixelsOnly() throws IOException {
        byte[] png = picture("png", 64, 32);
        byte[] polyglot = withTextChunkAndTrailer(png, SCRIPT, "<html><body>" + SCRIPT + "</body></html>");
        assertThat(new String(polyglot, StandardCharsets.ISO_8859_1)).contains(SCRIPT);

        byte[] clean = LogoImage.reencode(polyglot);

        String text = new String(clean, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("<script").doesNotContain("<html").doesNotContain("tEXt");
        assertThat(ImageIO.read(new ByteArrayInputStream(clean)).getWidth()).isEqualTo(64);
        // A PNG written by the encoder ends with its IEND chunk: no trailing bytes.
        assertThat(text).endsWith("IEND\u00aeB`\u0082");
    }

    @Test
    void aJpegWithAScriptInItsCommentIsRedrawnWithout() throws IOException {
        byte[] jpeg = picture("jpeg", 40, 40);
        byte[] comment =
                ("\u00ff\u00fe\u0000" + (char) (SCRIPT.length() + 2) + SCRIPT).getBytes(StandardCharsets.ISO_8859_1);
        byte[] withComment = new byte[jpeg.length + comment.length];
        System.arraycopy(jpeg, 0, withComment, 0, 2);
        System.arraycopy(comment, 0, withComment, 2, comment.length);
        System.arraycopy(jpeg, 2, withComment, 2 + comment.length, jpeg.length - 2);
        assertThat(new String(withComment, StandardCharsets.ISO_8859_1)).contains(SCRIPT);

        byte[] clean = LogoImage.reencode(withComment);

        assertThat(new String(clean, StandardCharsets.ISO_8859_1)).doesNotContain("<script");
    }

    @Test
    void filesOverTheLimitAreRefusedWhateverTheyHold() {
        byte[] large = new byte[LogoImage.MAX_BYTES + 1];
        System.arraycopy(picture("png", 8, 8), 0, large, 0, 20);
        assertRefused(large, "firm.logo.error.tooLarge");
    }

    @Test
    void picturesClaimingTooManyPixelsAreRefusedBeforeDecoding() {
        assertRefused(picture("png", LogoImage.MAX_SOURCE_SIDE + 1, 2), "firm.logo.error.dimensions");
    }

    @Test
    void aTruncatedPictureIsRefusedAsUnreadable() {
        byte[] png = picture("png", 50, 50);
        assertRefused(java.util.Arrays.copyOf(png, 40), "firm.logo.error.unreadable");
    }

    @Test
    void otherFormatsAndEmptyFilesAreRefused() throws IOException {
        assertRefused(picture("gif", 8, 8), "firm.logo.error.type");
        assertRefused(picture("bmp", 8, 8), "firm.logo.error.type");
        assertRefused("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "firm.logo.error.type");
        assertRefused(new byte[0], "firm.logo.error.empty");
    }

    private static void assertRefused(byte[] upload, String messageKey) {
        assertThatThrownBy(() -> LogoImage.reencode(upload))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .satisfies(problem -> {
                                    assertThat(problem.field()).isEqualTo("logo");
                                    assertThat(problem.messageKey()).isEqualTo(messageKey);
                                }));
    }

    static byte[] picture(String format, int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(200, 60, 40));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        var bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code png} with a tEXt chunk holding {@code text} before its data, and {@code trailer} after its end. */
    private static byte[] withTextChunkAndTrailer(byte[] png, String text, String trailer) {
        byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        var chunk = new ByteArrayOutputStream();
        chunk.writeBytes(new byte[] {
            (byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8), (byte) data.length
        });
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy("tEXt".getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        chunk.writeBytes(typeAndData);
        var crc = new CRC32();
        crc.update(typeAndData);
        long value = crc.getValue();
        chunk.writeBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        // After the signature (8 bytes) and the IHDR chunk (25 bytes).
        int afterHeader = 8 + 25;
        var out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(chunk.toByteArray());
        out.write(png, afterHeader, png.length - afterHeader);
        out.writeBytes(trailer.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
