package fr.portail.messages.attachment;

import java.util.Locale;
import java.util.regex.Pattern;

/** File names and types as given by browsers, made harmless for storage and display. */
final class FileNames {

    static final int MAX_LENGTH = 255;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$");

    private FileNames() {}

    /** The last path segment, without control characters, at most 255 characters keeping the extension. */
    static String clean(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = CONTROL.matcher(name).replaceAll("").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "fichier";
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return name;
    }

    /** The declared media type when it is well-formed, otherwise {@code application/octet-stream}. */
    static String contentType(String declared) {
        if (declared == null) {
            return "application/octet-stream";
        }
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() ? type : "application/octet-stream";
    }
}
