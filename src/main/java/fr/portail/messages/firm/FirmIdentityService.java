package fr.portail.messages.firm;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's identity: read by every page and every e-mail, changed by administrators. Every change is checked,
 * stored in the one row of {@code firm_identity} and recorded in the audit log in the same transaction.
 *
 * <p>Callers check that the actor administers the firm (the administration pages do, and only administrators reach
 * them): this module sits below the directory, which uses it for its own e-mails, and so knows no people.
 *
 * <p>Every page shows the identity, so it is kept in memory for {@value #CACHE_SECONDS} seconds: the instance where
 * an administrator changed it shows the change at once, other instances within those seconds.
 */
@Service
public class FirmIdentityService {

    /** The largest logo file accepted (512 KB). */
    public static final int MAX_LOGO_BYTES = LogoImage.MAX_BYTES;

    static final int CACHE_SECONDS = 5;
    static final int MAX_NAME = 100;
    static final int MAX_CONTACT_EMAIL = 254;
    static final int MAX_LEGAL_FOOTER = 1000;

    // One @, no spaces or control characters, a dot in the domain: the same plausibility check as the directory's.
    private static final Pattern PLAUSIBLE_EMAIL =
            Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+$");
    private static final Pattern CONTROLS_BUT_LINE_BREAKS = Pattern.compile("[\\p{Cc}&&[^\\n]]");
    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final RecentValue<FirmIdentity> recent;

    FirmIdentityService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.recent = new RecentValue<>(clock, Duration.ofSeconds(CACHE_SECONDS));
    }

    /** The identity as it is now (at most {@value #CACHE_SECONDS} s old when another instance changed it). */
    public FirmIdentity current() {
        return recent.get(() -> read(""));
    }

    private FirmIdentity read(String lock) {
        return jdbc.sql("""
                        select name, brand_colour, contact_email, legal_footer,
                               case when logo_png is null then 0 else logo_version end as logo_version
                          from firm_identity
                        """ + lock)
                .query((rs, row) -> new FirmIdentity(
                        rs.getString("name"),
                        rs.getString("brand_colour"),
                        rs.getString("contact_email"),
                        rs.getString("legal_footer"),
                        rs.getInt("logo_version")))
                .optional()
                .orElse(FirmIdentity.NEUTRAL);
    }

    /** The logo as stored (a PNG re-encoded by this application), if the firm has one. */
    @Transactional(readOnly = true)
    public Optional<byte[]> logo() {
        return jdbc.sql("select logo_png from firm_identity where logo_png is not null")
                .query((rs, row) -> rs.getBytes(1))
                .optional();
    }

    /**
     * Replaces the name, colour, contact and legal footer.
     *
     * @param actorId the administrator who changes them, for the audit log
     * @throws InvalidInputException on the fields {@code name}, {@code brandColour}, {@code contactEmail} and {@code
     *     legalFooter}; nothing is stored then
     */
    @Transactional
    public FirmIdentity update(UUID actorId, FirmSettings settings) {
        FirmSettings clean = validated(settings);
        FirmIdentity before = read(" for update");
        jdbc.sql("""
                        update firm_identity
                           set name = ?, brand_colour = ?, contact_email = ?, legal_footer = ?, updated_at = ?
                        """)
                .params(clean.name(), clean.brandColour(), clean.contactEmail(), clean.legalFooter(), now())
                .update();
        String changes = changes(before, clean);
        if (!changes.isEmpty()) {
            audit.record(actorId, "FIRM_IDENTITY_CHANGED", "firm", changes);
        }
        recent.forgetAfterCommit();
        return new FirmIdentity(
                clean.name(), clean.brandColour(), clean.contactEmail(), clean.legalFooter(), before.logoVersion());
    }

    /**
     * Replaces the logo with a clean copy of {@code upload} (see {@link LogoImage}).
     *
     * @throws InvalidInputException on the field {@code logo}: not a PNG, JPEG or WebP picture, larger than 512 KB,
     *     unreadable or too many pixels; nothing is stored then
     */
    @Transactional
    public void replaceLogo(UUID actorId, InputStream upload) {
        byte[] bytes;
        try {
            // One byte more than allowed tells a file too large without reading all of it.
            bytes = upload.readNBytes(MAX_LOGO_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidInputException("logo", "firm.logo.error.unreadable");
        }
        byte[] png = LogoImage.reencode(bytes);
        jdbc.sql("update firm_identity set logo_png = ?, logo_version = logo_version + 1, updated_at = ?")
                .params(png, now())
                .update();
        audit.record(
                actorId,
                "FIRM_LOGO_CHANGED",
                "firm",
                "uploaded " + bytes.length + " bytes, stored as PNG of " + png.length + " bytes");
        recent.forgetAfterCommit();
    }

    /** Removes the logo: the pages show the firm's name alone. */
    @Transactional
    public void removeLogo(UUID actorId) {
        int removed = jdbc.sql("update firm_identity set logo_png = null, updated_at = ? where logo_png is not null")
                .param(now())
                .update();
        if (removed > 0) {
            audit.record(actorId, "FIRM_LOGO_REMOVED", "firm", null);
        }
        recent.forgetAfterCommit();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private FirmSettings validated(FirmSettings settings) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = settings.name() == null
                ? ""
                : LINE_BREAKS_AND_CONTROLS
                        .matcher(settings.name())
                        .replaceAll(" ")
                        .strip();
        if (name.isEmpty()) {
            problems.add(FieldProblem.of("name", "admin.error.required"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            problems.add(FieldProblem.of("name", "admin.error.tooLong", MAX_NAME));
        }
        String colour = BrandColour.normalise(settings.brandColour());
        if (colour == null) {
            problems.add(FieldProblem.of("brandColour", "firm.colour.error.format"));
        } else if (BrandColour.contrastWithWhite(colour) < BrandColour.MIN_CONTRAST_WITH_WHITE) {
            problems.add(FieldProblem.of(
                    "brandColour", "firm.colour.error.contrast", colour, BrandColour.shownContrast(colour)));
        }
        String email =
                settings.contactEmail() == null ? "" : settings.contactEmail().strip();
        if (email.length() > MAX_CONTACT_EMAIL) {
            problems.add(FieldProblem.of("contactEmail", "admin.error.tooLong", MAX_CONTACT_EMAIL));
        } else if (!email.isEmpty() && !PLAUSIBLE_EMAIL.matcher(email).matches()) {
            problems.add(FieldProblem.of("contactEmail", "firm.contactEmail.error.format"));
        }
        String footer = settings.legalFooter() == null
                ? ""
                : CONTROLS_BUT_LINE_BREAKS
                        .matcher(settings.legalFooter().replace("\r\n", "\n"))
                        .replaceAll("")
                        .strip();
        if (footer.codePointCount(0, footer.length()) > MAX_LEGAL_FOOTER) {
            problems.add(FieldProblem.of("legalFooter", "admin.error.tooLong", MAX_LEGAL_FOOTER));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new FirmSettings(name, colour, email, footer);
    }

    private static String changes(FirmIdentity before, FirmSettings after) {
        List<String> changes = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            changes.add("name: " + before.name() + " → " + after.name());
        }
        if (!before.brandColour().equals(after.brandColour())) {
            changes.add("brand colour: " + before.brandColour() + " → " + after.brandColour());
        }
        if (!before.contactEmail().equals(after.contactEmail())) {
            changes.add("contact e-mail: " + before.contactEmail() + " → " + after.contactEmail());
        }
        if (!before.legalFooter().equals(after.legalFooter())) {
            changes.add("legal footer changed");
        }
        return String.join("; ", changes);
    }
}
