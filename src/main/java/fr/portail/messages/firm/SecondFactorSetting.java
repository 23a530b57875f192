package fr.portail.messages.firm;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.StartupRefusal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's rule for two-step sign-in: the property {@code messages.security.second-factor} when it is set (the
 * administration page then shows it read-only), otherwise the firm's setting, changed by administrators and audited.
 *
 * <p>Every signed-in request asks for it, so it is kept in memory for {@value #CACHE_SECONDS} seconds like the firm's
 * identity: the instance where it was changed applies the change at once, the others within those seconds.
 */
@Service
public class SecondFactorSetting {

    static final int CACHE_SECONDS = 5;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Optional<SecondFactorRule> fixed;
    private final RecentValue<SecondFactorRule> recent;

    SecondFactorSetting(
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            @Value("${messages.security.second-factor:}") String property) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.recent = new RecentValue<>(clock, Duration.ofSeconds(CACHE_SECONDS));
        this.fixed = property.isBlank() ? Optional.empty() : Optional.of(parseProperty(property));
    }

    private static SecondFactorRule parseProperty(String property) {
        return SecondFactorRule.parse(property)
                .orElseThrow(() -> new StartupRefusal(
                        "messages.security.second-factor is \"" + property + "\"",
                        "Set messages.security.second-factor to none, administrators, collaborators or everyone, or"
                                + " leave it unset to use the firm's setting on the administration pages."));
    }

    /** The rule in force now. */
    public SecondFactorRule current() {
        if (fixed.isPresent()) {
            return fixed.get();
        }
        return recent.get(() -> read(""));
    }

    /** Whether the property fixes the rule, so that the administration page cannot change it. */
    public boolean fixedByProperty() {
        return fixed.isPresent();
    }

    /**
     * Changes the firm's rule. The caller checks that the actor is an administrator.
     *
     * @throws InvalidInputException on the field {@code secondFactor}: an unknown value, or the property fixes the rule
     */
    @Transactional
    public void change(UUID actorId, String value) {
        if (fixed.isPresent()) {
            throw new InvalidInputException("secondFactor", "firm.secondFactor.error.fixed");
        }
        SecondFactorRule rule = SecondFactorRule.parse(value)
                .orElseThrow(() -> new InvalidInputException("secondFactor", "firm.secondFactor.error.unknown"));
        SecondFactorRule before = read(" for update");
        if (before != rule) {
            jdbc.sql("update firm_identity set second_factor = ?")
                    .param(rule.value())
                    .update();
            audit.record(actorId, "SECOND_FACTOR_RULE_CHANGED", "firm", before.value() + " → " + rule.value());
        }
        recent.forgetAfterCommit();
    }

    private SecondFactorRule read(String lock) {
        return jdbc.sql("select second_factor from firm_identity" + lock)
                .query(String.class)
                .optional()
                .flatMap(SecondFactorRule::parse)
                .orElse(SecondFactorRule.COLLABORATORS);
    }
}
