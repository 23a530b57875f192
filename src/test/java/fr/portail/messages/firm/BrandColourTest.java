package fr.portail.messages.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hex colours and the WCAG contrast of white text on them. */
class BrandColourTest {

    @Test
    void contrastFollowsTheWcagFormula() {
        assertThat(BrandColour.contrastWithWhite("#000000")).isCloseTo(21.0, within(0.001));
        assertThat(BrandColour.contrastWithWhite("#ffffff")).isCloseTo(1.0, within(0.001));
        assertThat(BrandColour.contrastWithWhite(FirmIdentity.DEFAULT_COLOUR)).isCloseTo(8.66, within(0.01));
    }

    @Test
    void theAaThresholdLiesBetweenTwoNeighbouringGreys() {
        assertThat(BrandColour.contrastWithWhite("#767676")).isGreaterThanOrEqualTo(4.5);
        assertThat(BrandColour.contrastWithWhite("#777777")).isLessThan(4.5);
        // Shown rounded down, so that a refused colour never reads as "4.5:1".
        assertThat(BrandColour.shownContrast("#777777")).isEqualTo(4.4);
    }

    @Test
    void hexValuesAreNormalisedToSixLowerCaseDigits() {
        assertThat(BrandColour.normalise("#1F4E79")).isEqualTo("#1f4e79");
        assertThat(BrandColour.normalise(" 1f4e79 ")).isEqualTo("#1f4e79");
        assertThat(BrandColour.normalise("#abc")).isEqualTo("#aabbcc");
        assertThat(BrandColour.normalise("navy")).isNull();
        assertThat(BrandColour.normalise("#1f4e7")).isNull();
        assertThat(BrandColour.normalise("#1f4e79; background:url(x)")).isNull();
        assertThat(BrandColour.normalise(null)).isNull();
    }

    @Test
    void theDarkShadeAndTheRgbTripletFollowTheColour() {
        assertThat(BrandColour.darker("#804020")).isEqualTo("#603018");
        assertThat(BrandColour.rgb("#1f4e79")).isEqualTo("31, 78, 121");
    }
}
