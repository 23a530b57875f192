package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The French and English bundles stay in step: the same keys, and in each message the same arguments ({@code {0}},
 * {@code {1,number}}…), so that no page shows a raw key or drops a name or a number in one language.
 */
class MessageBundlesTest {

    /** The key of a line {@code key=value}. */
    private static final Pattern KEY = Pattern.compile("^([A-Za-z0-9_.-]+)\\s*=");

    /** A MessageFormat argument: its index, whatever its format. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        Properties french = load("messages_fr.properties");
        Properties english = load("messages_en.properties");

        assertThat(new TreeSet<>(english.stringPropertyNames()))
                .as("keys of messages_en.properties")
                .containsExactlyElementsOf(new TreeSet<>(french.stringPropertyNames()));
    }

    @Test
    void eachMessageHasTheSameArgumentsInBothLanguages() throws IOException {
        Properties french = load("messages_fr.properties");
        Properties english = load("messages_en.properties");
        Map<String, String> different = new TreeMap<>();
        for (String key : french.stringPropertyNames()) {
            String englishMessage = english.getProperty(key);
            if (englishMessage != null && !arguments(french.getProperty(key)).equals(arguments(englishMessage))) {
                different.put(key, french.getProperty(key) + "  <>  " + englishMessage);
            }
        }
        assertThat(different)
                .as("messages whose arguments differ between French and English")
                .isEmpty();
    }

    /** Every message goes through MessageFormat (spring.messages.always-use-message-format): a lone ' vanishes. */
    @Test
    void apostrophesAreDoubledAsMessageFormatWantsThem() throws IOException {
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        for (String bundle : new String[] {"messages_fr.properties", "messages_en.properties"}) {
            Properties messages = load(bundle);
            assertThat(new TreeSet<>(messages.stringPropertyNames()))
                    .as("messages of %s with a single apostrophe, which MessageFormat drops", bundle)
                    .filteredOn(key -> lone.matcher(messages.getProperty(key)).find())
                    .isEmpty();
        }
    }

    /** A key written twice keeps only its last value, silently: merges of the bundles made 30 such pairs once. */
    @Test
    void noKeyIsWrittenTwice() throws IOException {
        for (String bundle : new String[] {"messages_fr.properties", "messages_en.properties"}) {
            Map<String, Integer> occurrences = new TreeMap<>();
            try (var lines = new java.io.BufferedReader(new InputStreamReader(
                    Objects.requireNonNull(MessageBundlesTest.class.getResourceAsStream("/" + bundle), bundle),
                    StandardCharsets.UTF_8))) {
                lines.lines()
                        .map(KEY::matcher)
                        .filter(Matcher::find)
                        .forEach(key -> occurrences.merge(key.group(1), 1, Integer::sum));
            }
            assertThat(occurrences)
                    .as(bundle)
                    .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        }
    }

    @Test
    void argumentsAreReadWhateverTheirFormat() {
        assertThat(arguments("{0} et {1,number} sur {1}")).containsExactly("0", "1");
        assertThat(arguments("aucun")).isEmpty();
    }

    private static TreeSet<String> arguments(String message) {
        TreeSet<String> found = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(message);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                Objects.requireNonNull(MessageBundlesTest.class.getResourceAsStream("/" + name), name),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
