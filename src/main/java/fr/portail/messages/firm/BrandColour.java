package fr.portail.messages.firm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brand colours as hex values, and their contrast with white text by the WCAG 2 formula: a colour is accepted only
 * when white text on it (buttons, the header's mark) reaches 4.5:1, the AA level for normal text.
 */
final class BrandColour {

    static final double MIN_CONTRAST_WITH_WHITE = 4.5;

    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");

    private BrandColour() {}

    /** {@code #rrggbb} in lower case, from {@code #rgb}, {@code rrggbb} or {@code #RRGGBB}; {@code null} if not hex. */
    static String normalise(String value) {
        if (value == null) {
            return null;
        }
        var matcher = HEX.matcher(value.strip());
        if (!matcher.matches()) {
            return null;
        }
        String digits = matcher.group(1).toLowerCase(Locale.ROOT);
        if (digits.length() == 3) {
            digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1) + digits.charAt(2)
                    + digits.charAt(2);
        }
        return "#" + digits;
    }

    /** The contrast ratio of white text on {@code colour} ({@code #rrggbb}), from 1 to 21. */
    static double contrastWithWhite(String colour) {
        return (1.0 + 0.05) / (relativeLuminance(colour) + 0.05);
    }

    /** Rounded down to one decimal, as shown to people: 4.49 shows as 4.4, never as an acceptable-looking 4.5. */
    static double shownContrast(String colour) {
        return Math.floor(contrastWithWhite(colour) * 10) / 10;
    }

    static double relativeLuminance(String colour) {
        int[] rgb = components(colour);
        return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    }

    static String darker(String colour) {
        int[] rgb = components(colour);
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0] * 3 / 4, rgb[1] * 3 / 4, rgb[2] * 3 / 4);
    }

    static String rgb(String colour) {
        int[] rgb = components(colour);
        return rgb[0] + ", " + rgb[1] + ", " + rgb[2];
    }

    private static int[] components(String colour) {
        int value = Integer.parseInt(colour.substring(1), 16);
        return new int[] {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
