package fr.portail.messages.firm;

import java.util.Locale;
import java.util.Optional;

/** Who must give a second factor (a passkey or an e-mail code) after their password. */
public enum SecondFactorRule {
    /** Nobody: the password alone signs in. */
    NONE,
    /** Administrators only. */
    ADMINISTRATORS,
    /** Administrators and every collaborator: the default of a new firm. */
    COLLABORATORS,
    /** Every person, clients included. */
    EVERYONE;

    /** Whether a person of this kind must give a second factor. */
    public boolean appliesTo(boolean collaborator, boolean administrator) {
        return switch (this) {
            case NONE -> false;
            case ADMINISTRATORS -> administrator;
            case COLLABORATORS -> administrator || collaborator;
            case EVERYONE -> true;
        };
    }

    /** The value stored and typed in properties: {@code none}, {@code administrators}, … */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule named {@code value} (any case, surrounding spaces ignored), if it is one. */
    public static Optional<SecondFactorRule> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (SecondFactorRule rule : values()) {
            if (rule.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
