package fr.portail.messages.firm;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import fr.portail.messages.platform.InvalidInputException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded logo into a clean PNG: the upload is recognised by its first bytes (never by its name or declared
 * type), decoded to pixels, scaled to fit {@value #MAX_WIDTH}×{@value #MAX_HEIGHT} and encoded anew. Nothing of the
 * file but its pixels survives: no metadata, no comment chunk, no trailing bytes, so a script hidden in a polyglot
 * file is gone. SVG and every other format are refused.
 */
final class LogoImage {

    /** The largest upload accepted. */
    static final int MAX_BYTES = 512 * 1024;

    /** Larger pictures are refused before decoding: a small compressed file may claim gigapixels. */
    static final int MAX_SOURCE_SIDE = 2048;

    /** The stored logo fits this box: twice the largest size it is shown at, for high-density screens. */
    static final int MAX_WIDTH = 480;

    static final int MAX_HEIGHT = 160;

    private LogoImage() {}

    /** The formats accepted, recognised by their signatures. */
    enum Format {
        PNG,
        JPEG,
        WEBP;

        static Format of(byte[] bytes) {
            if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
                return PNG;
            }
            if (startsWith(bytes, 0, 0xff, 0xd8, 0xff)) {
                return JPEG;
            }
            if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
                return WEBP;
            }
            return null;
        }

        private static boolean startsWith(byte[] bytes, int offset, int... signature) {
            if (bytes.length < offset + signature.length) {
                return false;
            }
            for (int i = 0; i < signature.length; i++) {
                if ((bytes[offset + i] & 0xff) != signature[i]) {
                    return false;
                }
            }
            return true;
        }

        ImageReader reader() throws IOException {
            if (this == WEBP) {
                // Created directly rather than found through ImageIO's registry, which depends on the class loader
                // that happened to touch ImageIO first (a packaged application's loader may not be the one).
                return new WebPImageReaderSpi().createReaderInstance(null);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name().toLowerCase());
            if (!readers.hasNext()) {
                throw new IOException("no " + name() + " reader");
            }
            return readers.next();
        }
    }

    /**
     * The upload as a clean PNG.
     *
     * @throws InvalidInputException on the field {@code logo}: too large, not PNG/JPEG/WebP, unreadable, or too many
     *     pixels
     */
    static byte[] reencode(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw new InvalidInputException("logo", "firm.logo.error.empty");
        }
        if (upload.length > MAX_BYTES) {
            throw new InvalidInputException("logo", "firm.logo.error.tooLarge", MAX_BYTES / 1024);
        }
        Format format = Format.of(upload);
        if (format == null) {
            throw new InvalidInputException("logo", "firm.logo.error.type");
        }
        BufferedImage decoded = decode(format, upload);
        return png(fit(decoded));
    }

    private static BufferedImage decode(Format format, byte[] upload) {
        ImageReader reader = null;
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader = format.reader();
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1 || width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE) {
                throw new InvalidInputException("logo", "firm.logo.error.dimensions", MAX_SOURCE_SIDE);
            }
            return reader.read(0);
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("logo", "firm.logo.error.unreadable");
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    /** Draws the pixels on a new canvas, scaled down to the box (never up), halving first for a smooth result. */
    static BufferedImage fit(BufferedImage source) {
        double scale = Math.min(
                1.0, Math.min((double) MAX_WIDTH / source.getWidth(), (double) MAX_HEIGHT / source.getHeight()));
        int targetWidth = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage current = source;
        int width = source.getWidth();
        int height = source.getHeight();
        while (width / 2 >= targetWidth && height / 2 >= targetHeight) {
            width /= 2;
            height /= 2;
            current = draw(current, width, height);
        }
        // Always drawn at least once: the result is a new canvas whatever the source was.
        return draw(current, targetWidth, targetHeight);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        var canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return canvas;
    }

    private static byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        var bytes = new ByteArrayOutputStream();
        try (var output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), null);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
