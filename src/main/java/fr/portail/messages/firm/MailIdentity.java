package fr.portail.messages.firm;

import fr.portail.messages.platform.MessagesProperties;
import fr.portail.messages.platform.StartupRefusal;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Who every e-mail of the application comes from, the one place that knows it:
 *
 * <ul>
 *   <li>the address, {@code messages.mail.from}: required with a real SMTP server ({@code spring.mail.host}), else the
 *       application refuses to start; with the embedded mail server it defaults to {@code no-reply@} the host of
 *       {@code messages.public-url};
 *   <li>the display name: "Anne Martin via Cabinet Martin" for an e-mail about something a person did (a new
 *       message), the firm's name alone for the application's own e-mails (invitations, passwords, codes);
 *   <li>the domain of {@code Message-ID}s: the sender's, so that they match the domain that signs the e-mail;
 *   <li>the firm's identity that e-mails show (name, colour, logo, contact, legal footer).
 * </ul>
 */
@Component
public class MailIdentity {

    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

    private final String address;
    private final String domain;
    private final FirmIdentityService identities;

    MailIdentity(
            SenderProperties sender, MessagesProperties properties, Environment environment, FirmIdentityService firm) {
        this.address = senderAddress(sender.from(), properties.publicBaseUrl(), environment);
        this.domain = address.substring(address.lastIndexOf('@') + 1);
        this.identities = firm;
    }

    /** The sender address, or the reason the application cannot start with this configuration. */
    static String senderAddress(String configured, String publicUrl, Environment environment) {
        if (!StringUtils.hasText(configured)) {
            if (StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
                throw new StartupRefusal(
                        "messages.mail.from is not set: e-mails to a real SMTP server (spring.mail.host) need a "
                                + "sender address of the firm's own domain.",
                        "Set messages.mail.from (environment: MESSAGES_MAIL_FROM), for example "
                                + "messages@cabinet-martin.fr, an address whose domain the mail relay signs (README, "
                                + "\"E-mail sender\").");
            }
            String host = URI.create(publicUrl).getHost();
            return "no-reply@" + (StringUtils.hasText(host) ? host : "localhost");
        }
        String value = configured.strip();
        try {
            var parsed = new InternetAddress(value, true);
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(value) || !value.contains("@")) {
                throw new AddressException("a bare address is expected");
            }
            return value;
        } catch (AddressException e) {
            throw new StartupRefusal(
                    "messages.mail.from is not an e-mail address: '" + value + "'.",
                    "Set messages.mail.from to a bare address such as messages@cabinet-martin.fr; the display name "
                            + "comes from the firm's name (administration pages).");
        }
    }

    /** The sender address, {@code messages.mail.from}. */
    public String address() {
        return address;
    }

    /** The domain of the sender address, which {@code Message-ID}s use too. */
    public String domain() {
        return domain;
    }

    /** The sender of an e-mail about what {@code personName} did: "Anne Martin via Cabinet Martin". */
    public InternetAddress sender(String personName) {
        String person = headerSafe(personName);
        String firmName = headerSafe(firm().name());
        return address(person.isEmpty() ? firmName : person + " via " + firmName);
    }

    /** The sender of the application's own e-mails (invitations, password resets): the firm's name alone. */
    public InternetAddress systemSender() {
        return address(headerSafe(firm().name()));
    }

    /**
     * A {@code Message-ID} in the sender's domain, with its angle brackets.
     *
     * @param uniquePart what makes it unique, for example a delivery's id; letters, digits and {@code .-_+} only
     */
    public String messageId(String uniquePart) {
        return "<" + uniquePart + "@" + domain + ">";
    }

    /** The firm's identity as e-mails show it. */
    public FirmIdentity firm() {
        return identities.current();
    }

    /** The firm's logo (PNG) for an e-mail to embed, if the firm has one. */
    public Optional<byte[]> logoPng() {
        return firm().hasLogo() ? identities.logo() : Optional.empty();
    }

    private InternetAddress address(String personal) {
        try {
            return new InternetAddress(address, personal, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Line breaks and other control characters become spaces: a header value stays on its own line. */
    public static String headerSafe(String value) {
        return value == null
                ? ""
                : LINE_BREAKS_AND_CONTROLS.matcher(value).replaceAll(" ").strip();
    }
}
