package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final String EMAIL = "paul.dupont@dupont.example";

    @Test
    void passphraseOfTwelveToOneHundredTwentyEightCharactersIsAccepted() {
        assertThatCode(() -> PasswordPolicy.check("river stone!", "river stone!", EMAIL))
                .doesNotThrowAnyException();
        String longest = "a1b2c3d4".repeat(16);
        assertThatCode(() -> PasswordPolicy.check(longest, longest, EMAIL)).doesNotThrowAnyException();
    }

    @Test
    void passwordShorterThanTwelveCharactersIsRefused() {
        assertThat(problems("river stone", "river stone"))
                .containsExactly(FieldProblem.of("password", "password.error.tooShort", 12));
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        String twelveAccented = "éàèùçôîêâëïü";
        assertThatCode(() -> PasswordPolicy.check(twelveAccented, twelveAccented, EMAIL))
                .doesNotThrowAnyException();
    }

    @Test
    void passwordLongerThanOneHundredTwentyEightCharactersIsRefused() {
        String tooLong = "a1b2c3d4".repeat(16) + "x";
        assertThat(problems(tooLong, tooLong))
                .containsExactly(FieldProblem.of("password", "password.error.tooLong", 128));
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        String common = firstCommonPasswordOfAtLeastTwelveCharacters();
        assertThat(problems(common.toUpperCase(), common.toUpperCase()))
                .containsExactly(FieldProblem.of("password", "password.error.common"));
    }

    @Test
    void passwordsMadeOfTheEmailOrOfFewDistinctCharactersAreRefused() {
        assertThat(problems("paul.dupont2026", "paul.dupont2026"))
                .containsExactly(FieldProblem.of("password", "password.error.common"));
        assertThat(problems("abcabcabcabcabc", "abcabcabcabcabc"))
                .containsExactly(FieldProblem.of("password", "password.error.common"));
    }

    @Test
    void confirmationThatDiffersIsRefusedNextToTheConfirmationField() {
        assertThat(problems("river stone window", "river stone widow"))
                .containsExactly(FieldProblem.of("passwordConfirmation", "password.error.mismatch"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems("short", "other"))
                .containsExactly(
                        FieldProblem.of("password", "password.error.tooShort", 12),
                        FieldProblem.of("passwordConfirmation", "password.error.mismatch"));
    }

    @Test
    void missingPasswordIsTooShort() {
        assertThat(problems(null, null)).containsExactly(FieldProblem.of("password", "password.error.tooShort", 12));
    }

    private static java.util.List<FieldProblem> problems(String password, String confirmation) {
        return catchThrowableOfType(
                        InvalidInputException.class, () -> PasswordPolicy.check(password, confirmation, EMAIL))
                .problems();
    }

    private static String firstCommonPasswordOfAtLeastTwelveCharacters() {
        try (var in = PasswordPolicyTest.class.getResourceAsStream("/common-passwords.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.startsWith("#") && line.matches(".*[a-z].*") && line.length() >= 12)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the common list has no password of 12+ characters"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
