package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The inbox's kept rows stay within their bound: the least recently used row goes first. */
class LeastRecentlyUsedTest {

    @Test
    void beyondItsCapacityItDropsTheLeastRecentlyUsed() {
        var kept = new LeastRecentlyUsed<String, String>(2);
        kept.put("a", "A");
        kept.put("b", "B");
        assertThat(kept.get("a")).isEqualTo("A");
        kept.put("c", "C");

        assertThat(kept.size()).isEqualTo(2);
        assertThat(kept.get("b")).isNull();
        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(kept.get("c")).isEqualTo("C");
    }

    @Test
    void aCapacityOfZeroKeepsNothing() {
        var kept = new LeastRecentlyUsed<String, String>(0);
        kept.put("a", "A");

        assertThat(kept.size()).isZero();
        assertThat(kept.get("a")).isNull();
    }
}
