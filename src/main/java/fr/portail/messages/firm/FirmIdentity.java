package fr.portail.messages.firm;

/**
 * What the pages and the e-mails show of the firm. A new firm is {@link #NEUTRAL}: the product's name, no logo, the
 * default colour, no contact and no legal footer.
 *
 * @param name the firm's name (1 to 100 characters)
 * @param brandColour the brand colour, {@code #rrggbb} in lower case, dark enough for white text on it
 * @param contactEmail the firm's contact address, or empty
 * @param legalFooter the legal notice (plain text, line breaks kept), or empty
 * @param logoVersion 0 without a logo; changes with each new logo, so that its URL changes too
 */
public record FirmIdentity(String name, String brandColour, String contactEmail, String legalFooter, int logoVersion) {

    /** The name of a firm that has not named itself yet: the product's. */
    public static final String NEUTRAL_NAME = "Messages";

    /** The colour of a firm that has not chosen one (white text on it: 8.6:1). */
    public static final String DEFAULT_COLOUR = "#1f4e79";

    public static final FirmIdentity NEUTRAL = new FirmIdentity(NEUTRAL_NAME, DEFAULT_COLOUR, "", "", 0);

    public boolean hasLogo() {
        return logoVersion > 0;
    }

    public boolean hasContactEmail() {
        return !contactEmail.isEmpty();
    }

    public boolean hasLegalFooter() {
        return !legalFooter.isEmpty();
    }

    /** The logo's address on this server, different for each logo so that browsers may keep it. */
    public String logoPath() {
        return FirmResources.LOGO_PATH + "?v=" + logoVersion;
    }

    /** The style sheet that gives the pages the brand colour, different for each colour. */
    public String themePath() {
        return FirmResources.THEME_PATH + "?v=" + brandColour.substring(1);
    }

    /** The brand colour darkened by a quarter: hover and pressed states. */
    public String brandColourDark() {
        return BrandColour.darker(brandColour);
    }

    /** The brand colour as {@code r, g, b}, for Bootstrap's translucent variants. */
    public String brandColourRgb() {
        return BrandColour.rgb(brandColour);
    }

    /** Name, contact and legal footer as plain text lines, for the end of a text e-mail. */
    public String textSignature() {
        var text = new StringBuilder(name);
        if (hasContactEmail()) {
            text.append('\n').append(contactEmail);
        }
        if (hasLegalFooter()) {
            text.append('\n').append(legalFooter);
        }
        return text.toString();
    }
}
