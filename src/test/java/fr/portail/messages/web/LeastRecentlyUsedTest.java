package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kept pieces of pages stay within their memory: the least recently used go first. */
class LeastRecentlyUsedTest {

    @Test
    void beyondItsCapacityItDropsTheLeastRecentlyUsed() {
        var kept = new LeastRecentlyUsed<String, String>(6, String::length);
        kept.put("a", "AA");
        kept.put("b", "BB");
        kept.put("c", "CC");
        assertThat(kept.get("a")).isEqualTo("AA");
        kept.put("d", "DDD");

        assertThat(kept.get("b")).isNull();
        assertThat(kept.get("c")).isNull();
        assertThat(kept.get("a")).isEqualTo("AA");
        assertThat(kept.get("d")).isEqualTo("DDD");
        assertThat(kept.size()).isEqualTo(2);
    }

    @Test
    void replacingAnEntryCountsOnlyTheNewValue() {
        var kept = new LeastRecentlyUsed<String, String>(4, String::length);
        kept.put("a", "AAA");
        kept.put("a", "A");
        kept.put("b", "BBB");

        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(kept.get("b")).isEqualTo("BBB");
    }

    @Test
    void anEntryHeavierThanTheCapacityAndACapacityOfZeroKeepNothing() {
        var kept = new LeastRecentlyUsed<String, String>(3, String::length);
        kept.put("a", "AAAA");
        var none = new LeastRecentlyUsed<String, String>(0, String::length);
        none.put("a", "A");

        assertThat(kept.size()).isZero();
        assertThat(none.get("a")).isNull();
    }
}
