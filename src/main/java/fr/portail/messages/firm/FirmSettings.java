package fr.portail.messages.firm;

/**
 * The firm's identity as an administrator types it on the administration page; {@link FirmIdentityService#update}
 * checks and normalises it.
 */
public record FirmSettings(String name, String brandColour, String contactEmail, String legalFooter) {

    /** The settings of {@code identity}, to fill the form. */
    public static FirmSettings of(FirmIdentity identity) {
        return new FirmSettings(
                identity.name(), identity.brandColour(), identity.contactEmail(), identity.legalFooter());
    }
}
