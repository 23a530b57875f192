package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A badge shows its count until the count reaches the cap where the services stop counting. */
class HeaderCountsTest {

    @Test
    void showsTheCountBelowTheCapAndTheCapMinusOnePlusFromIt() {
        assertThat(HeaderCounts.label(0, 100)).isEqualTo("0");
        assertThat(HeaderCounts.label(99, 100)).isEqualTo("99");
        assertThat(HeaderCounts.label(100, 100)).isEqualTo("99+");
        assertThat(HeaderCounts.label(7, 5)).isEqualTo("4+");
    }
}
