package fr.portail.messages.directory;

import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Passwords of 12 to 128 characters that are not among the commonly used ones (ASVS L2). */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = loadCommonPasswords();

    private PasswordPolicy() {}

    private static Set<String> loadCommonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws {@link InvalidInputException} naming each field at fault. */
    static void check(String password, String confirmation, String email) {
        List<FieldProblem> problems = new ArrayList<>();
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add(FieldProblem.of("password", "password.error.tooShort", MIN_LENGTH));
        } else if (length > MAX_LENGTH) {
            problems.add(FieldProblem.of("password", "password.error.tooLong", MAX_LENGTH));
        } else if (isCommon(password, email)) {
            problems.add(FieldProblem.of("password", "password.error.common"));
        }
        if (password != null && !password.equals(confirmation)) {
            problems.add(FieldProblem.of("passwordConfirmation", "password.error.mismatch"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static boolean isCommon(String password, String email) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return true;
        }
        if (email != null && lower.contains(Emails.normalize(email).split("@")[0]) && lower.length() < 20) {
            return true;
        }
        return lower.chars().distinct().count() <= 3;
    }
}
