package fr.portail.messages.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.platform.StartupRefusal;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SecondFactorRuleTest {

    @Test
    void valuesAreReadWhateverTheirCaseAndUnknownOnesAreNot() {
        assertThat(SecondFactorRule.parse(" Collaborators ")).contains(SecondFactorRule.COLLABORATORS);
        assertThat(SecondFactorRule.parse("clients")).isEmpty();
        assertThat(SecondFactorRule.parse(null)).isEmpty();
    }

    @Test
    void aPropertyThatNamesNoRuleStopsTheStartWithWhatToDo() {
        assertThatThrownBy(() -> new SecondFactorSetting(null, null, Clock.systemUTC(), "admins"))
                .isInstanceOf(StartupRefusal.class)
                .hasMessageContaining("messages.security.second-factor is \"admins\"");
    }
}
