package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.MessagesProperties;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SecretTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Issues invitation links and turns them into passwords. */
@Service
public class InvitationService {

    private final InvitationRepository invitations;
    private final PersonRepository people;
    private final PasswordEncoder passwordEncoder;
    private final MessagesProperties properties;
    private final InvitationMailer mailer;
    private final AuditLog audit;
    private final Clock clock;

    InvitationService(
            InvitationRepository invitations,
            PersonRepository people,
            PasswordEncoder passwordEncoder,
            MessagesProperties properties,
            InvitationMailer mailer,
            AuditLog audit,
            Clock clock) {
        this.invitations = invitations;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a new link for a person who has never set a password (ending earlier ones) and e-mails it once the
     * transaction commits. Refused for a person with a password: the link is shown to the administrator.
     */
    @Transactional
    public IssuedInvitation issue(UUID personId, UUID actorId) {
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (person.passwordHash() != null) {
            throw new InvalidInputException(null, "admin.user.error.passwordSet");
        }
        Instant now = clock.instant();
        for (Invitation open : invitations.findOpenByPersonId(personId)) {
            open.revoke(now);
            invitations.save(open);
        }
        String token = SecretTokens.newToken();
        Instant expiresAt = now.plus(properties.invitationValidity());
        invitations.save(new Invitation(SecretTokens.hash(token), personId, now, expiresAt));
        var issued = new IssuedInvitation(
                personId, person.email(), properties.publicBaseUrl() + "/invitations/" + token, expiresAt);
        audit.record(actorId, "INVITATION_ISSUED", person.email(), null);
        String name = person.name();
        String language = person.language();
        afterCommit(() -> mailer.send(issued, name, language));
        return issued;
    }

    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** The person a usable invitation is for; empty for an unknown, used or expired link. */
    @Transactional(readOnly = true)
    public Optional<InvitedPerson> find(String token) {
        return invitations
                .findByTokenHash(SecretTokens.hash(token))
                .filter(invitation -> invitation.isFor(Invitation.Purpose.INVITATION))
                .filter(invitation -> invitation.isUsable(clock.instant()))
                .flatMap(invitation -> people.findById(invitation.personId()))
                .filter(Person::isActive)
                .filter(person -> person.passwordHash() == null)
                .map(person -> new InvitedPerson(person.id(), person.name(), person.email()));
    }

    /**
     * Sets the password chosen through an invitation and uses the invitation up.
     *
     * @return the person, to be signed in
     */
    @Transactional
    public InvitedPerson accept(String token, String password, String passwordConfirmation) {
        Instant now = clock.instant();
        Invitation invitation = invitations
                .findByTokenHashForUpdate(SecretTokens.hash(token))
                .filter(candidate -> candidate.isFor(Invitation.Purpose.INVITATION))
                .filter(candidate -> candidate.isUsable(now))
                .orElseThrow(NotFoundException::new);
        // An invitation never replaces a password someone chose: that would let whoever saw the link sign in as them.
        Person person = people.findById(invitation.personId())
                .filter(Person::isActive)
                .filter(candidate -> candidate.passwordHash() == null)
                .orElseThrow(NotFoundException::new);
        PasswordPolicy.check(password, passwordConfirmation, person.email());
        person.changePasswordHash(passwordEncoder.encode(password));
        people.save(person);
        invitation.use(now);
        invitations.save(invitation);
        audit.record(person.id(), "INVITATION_ACCEPTED", person.email(), null);
        return new InvitedPerson(person.id(), person.name(), person.email());
    }

    /** The person an invitation is for. */
    public record InvitedPerson(UUID id, String name, String email) {}
}
