package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.NotFoundException;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What administrators do to people: deactivate and reactivate them. */
@Service
public class PersonAdministration {

    private final PersonRepository people;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LastAdministratorGuard lastAdministrator;

    PersonAdministration(
            PersonRepository people,
            AuditLog audit,
            ApplicationEventPublisher events,
            LastAdministratorGuard lastAdministrator) {
        this.people = people;
        this.audit = audit;
        this.events = events;
        this.lastAdministrator = lastAdministrator;
    }

    /** Deactivates a person; never the last active administrator. Their sessions end (see {@link PersonDeactivated}). */
    @Transactional
    public void deactivate(Viewer administrator, UUID personId) {
        requireAdministrator(administrator);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (!person.isActive()) {
            return;
        }
        lastAdministrator.checkNotLast(person);
        person.deactivate();
        audit.record(administrator.id(), "PERSON_DEACTIVATED", person.email(), null);
        events.publishEvent(new PersonDeactivated(person.id(), person.email()));
    }

    @Transactional
    public void activate(Viewer administrator, UUID personId) {
        requireAdministrator(administrator);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (person.isActive()) {
            return;
        }
        person.activate();
        audit.record(administrator.id(), "PERSON_ACTIVATED", person.email(), null);
    }

    private static void requireAdministrator(Viewer viewer) {
        if (!viewer.admin()) {
            throw new NotFoundException();
        }
    }
}
