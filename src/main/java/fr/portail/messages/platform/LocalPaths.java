package fr.portail.messages.platform;

/** Redirect targets taken from requests: only paths of this application, never another site. */
public final class LocalPaths {

    private LocalPaths() {}

    /** The path if it is local to this application, otherwise {@code fallback}. */
    public static String orElse(String path, String fallback) {
        boolean local = path != null
                && path.startsWith("/")
                && !path.startsWith("//")
                && !path.startsWith("/\\")
                && path.chars().noneMatch(Character::isISOControl);
        return local ? path : fallback;
    }
}
