package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.MessagesProperties;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgotten and changed passwords. A reset link goes to the person's own address only, works once and for
 * {@link #VALIDITY}; nobody else ever sees it, so an administrator can start a reset but cannot use it.
 */
@Service
public class PasswordResets {

    /** How long a password-reset link works. */
    public static final Duration VALIDITY = Duration.ofMinutes(30);

    private final InvitationRepository links;
    private final PersonRepository people;
    private final PasswordEncoder passwordEncoder;
    private final MessagesProperties properties;
    private final AccountMailer mailer;
    private final AuditLog audit;
    private final Clock clock;

    PasswordResets(
            InvitationRepository links,
            PersonRepository people,
            PasswordEncoder passwordEncoder,
            MessagesProperties properties,
            AccountMailer mailer,
            AuditLog audit,
            Clock clock) {
        this.links = links;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Sends a reset link when the address is an active account, and nothing otherwise; the caller answers the same
     * either way.
     */
    @Transactional
    public void request(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        people.findByEmail(normalized)
                .filter(Person::isActive)
                .ifPresent(person -> issue(person, person.id(), "PASSWORD_RESET_REQUESTED"));
    }

    /**
     * An administrator sends the reset e-mail to the person; the administrator sees neither link nor code.
     *
     * @return the person's e-mail
     */
    @Transactional
    public String sendOnBehalf(Viewer administrator, UUID personId) {
        if (!administrator.admin()) {
            throw new NotFoundException();
        }
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (!person.isActive()) {
            throw new InvalidInputException(null, "admin.user.error.inactive");
        }
        issue(person, administrator.id(), "PASSWORD_RESET_SENT");
        return person.email();
    }

    private void issue(Person person, UUID actorId, String action) {
        Instant now = clock.instant();
        for (Invitation open : links.findOpenByPersonId(person.id())) {
            if (open.isFor(Invitation.Purpose.RESET)) {
                open.revoke(now);
                links.save(open);
            }
        }
        String token = SecretTokens.newToken();
        Instant expiresAt = now.plus(VALIDITY);
        links.save(new Invitation(SecretTokens.hash(token), person.id(), now, expiresAt, Invitation.Purpose.RESET));
        audit.record(actorId, action, person.email(), null);
        String url = properties.publicBaseUrl() + "/mot-de-passe/nouveau/" + token;
        String to = person.email();
        String name = person.name();
        String language = person.language();
        InvitationService.afterCommit(() -> mailer.send(
                to, language, "reset.mail.subject", "reset.mail.body", new Object[] {name, url, expiresAt}, url));
    }

    /** The person a usable reset link is for. */
    @Transactional(readOnly = true)
    public Optional<String> emailFor(String token) {
        return usable(links.findByTokenHash(SecretTokens.hash(token)), clock.instant())
                .map(Person::email);
    }

    /**
     * Sets the new password and ends every open link of the person (a reset also ends a pending invitation).
     *
     * @return the person's e-mail, whose sessions the caller ends
     */
    @Transactional
    public String complete(String token, String password, String passwordConfirmation) {
        Instant now = clock.instant();
        Optional<Invitation> link = links.findByTokenHashForUpdate(SecretTokens.hash(token));
        Person person = usable(link, now).orElseThrow(NotFoundException::new);
        PasswordPolicy.check(password, passwordConfirmation, person.email());
        person.changePasswordHash(passwordEncoder.encode(password));
        people.save(person);
        // The link just used is among them: it is still open until this revokes it.
        for (Invitation open : links.findOpenByPersonId(person.id())) {
            open.revoke(now);
            links.save(open);
        }
        audit.record(person.id(), "PASSWORD_RESET", person.email(), null);
        return person.email();
    }

    private Optional<Person> usable(Optional<Invitation> link, Instant now) {
        return link.filter(candidate -> candidate.isFor(Invitation.Purpose.RESET))
                .filter(candidate -> candidate.isUsable(now))
                .flatMap(candidate -> people.findById(candidate.personId()))
                .filter(Person::isActive);
    }

    /**
     * Changes the password of a signed-in person who gives the current one, and tells them by e-mail.
     *
     * @throws InvalidInputException on a wrong current password ({@code currentPassword}) or a weak new one
     */
    @Transactional
    public void change(Viewer viewer, String currentPassword, String password, String passwordConfirmation) {
        Person person = people.findById(viewer.id()).filter(Person::isActive).orElseThrow(NotFoundException::new);
        if (currentPassword == null
                || person.passwordHash() == null
                || !passwordEncoder.matches(currentPassword, person.passwordHash())) {
            throw new InvalidInputException("currentPassword", "password.error.current");
        }
        PasswordPolicy.check(password, passwordConfirmation, person.email());
        person.changePasswordHash(passwordEncoder.encode(password));
        people.save(person);
        audit.record(person.id(), "PASSWORD_CHANGED", person.email(), null);
        String to = person.email();
        String name = person.name();
        String language = person.language();
        Instant at = clock.instant();
        InvitationService.afterCommit(() -> mailer.send(
                to, language, "password.mail.subject", "password.mail.body", new Object[] {name, at}, null));
    }
}
