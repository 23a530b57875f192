package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a typed search becomes before PostgreSQL stems it: words, phrases, exclusions and the word being typed. */
class SearchQueryTest {

    @Test
    void wordsFollowedByASpaceAreWholeWords() {
        SearchQuery query = SearchQuery.parse("Déclarations  TVA ").orElseThrow();

        assertThat(query.terms()).containsExactly("'Déclarations'", "'TVA'");
        assertThat(query.excluded()).isEmpty();
    }

    @Test
    void theLastWordBeingTypedIsAPrefixOrOneOfItsTruncations() {
        SearchQuery query = SearchQuery.parse("bilan déclarati").orElseThrow();

        assertThat(query.terms())
                .containsExactly("'bilan'", "'déclarati' | 'déclarat' | 'déclara' | 'déclar' | 'décla' | 'décl'");
        assertThat(query.typing()).isEqualTo("'déclarati':*");
        assertThat(query.isTyped(1)).isTrue();
        assertThat(SearchQuery.parse("bilan déclarati ").orElseThrow().typing()).isNull();
    }

    @Test
    void aQuotedPhraseKeepsItsWordsTogetherAndIsNeverAPrefix() {
        SearchQuery query = SearchQuery.parse("\"bilan de fin\"").orElseThrow();

        assertThat(query.terms()).containsExactly("'bilan' <-> 'de' <-> 'fin'");
    }

    @Test
    void aMinusExcludesAWordOrAPhrase() {
        SearchQuery query =
                SearchQuery.parse("facture -avoir -\"note de frais\"").orElseThrow();

        assertThat(query.terms()).containsExactly("'facture'");
        assertThat(query.excluded()).containsExactly("'avoir'", "'note' <-> 'de' <-> 'frais'");
        assertThat(query.anyTerm()).isEqualTo("('facture')");
    }

    @Test
    void punctuationInsideAWordMakesAPhraseOfItsParts() {
        SearchQuery query = SearchQuery.parse("l'entreprise B-0001").orElseThrow();

        assertThat(query.terms()).containsExactly("'l' <-> 'entreprise'", "'B' <-> '0001':*");
    }

    @Test
    void nothingButLettersAndDigitsReachesTheQuery() {
        SearchQuery query = SearchQuery.parse("a'b\\c & !d | e:* (f) <-> 'g' ").orElseThrow();

        for (String term : query.terms()) {
            assertThat(term.replaceAll("'[\\p{L}\\p{N}\\p{M}]+'(:\\*)?", "")
                            .replace("<->", "")
                            .replace("|", ""))
                    .isBlank();
        }
        assertThat(SearchQuery.parse("  !! && ''  ")).isEmpty();
        assertThat(SearchQuery.parse("")).isEmpty();
        assertThat(SearchQuery.parse(null)).isEmpty();
    }

    @Test
    void longInputIsCutAndTermsAreCounted() {
        SearchQuery query = SearchQuery.parse("mot ".repeat(100)).orElseThrow();

        assertThat(query.terms()).hasSize(SearchQuery.MAX_TERMS);
        assertThat(SearchQuery.parse("x".repeat(500)).orElseThrow().terms().get(0))
                .startsWith("'" + "x".repeat(SearchQuery.MAX_LENGTH) + "'");
    }
}
