package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A badge shows its count until the count reaches the cap where the services stop counting. */
class CountLabelsTest {

    private final CountLabels counts = new CountLabels();

    @Test
    void showsTheCountBelowTheCapAndTheCapMinusOnePlusFromIt() {
        assertThat(counts.capped(0, 100)).isEqualTo("0");
        assertThat(counts.capped(99, 100)).isEqualTo("99");
        assertThat(counts.capped(100, 100)).isEqualTo("99+");
        assertThat(counts.capped(7, 5)).isEqualTo("4+");
    }
}
