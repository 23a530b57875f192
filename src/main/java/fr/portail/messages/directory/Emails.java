package fr.portail.messages.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as the directory stores and compares them: trimmed, lower case. */
final class Emails {

    // Deliberately simple: one @, no spaces or control characters, a dot in the domain.
    private static final Pattern PLAUSIBLE =
            Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+$");

    private Emails() {}

    static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValid(String email) {
        return email != null
                && email.length() <= 320
                && PLAUSIBLE.matcher(normalize(email)).matches();
    }
}
