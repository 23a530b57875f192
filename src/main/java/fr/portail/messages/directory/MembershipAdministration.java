package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to memberships and favourites on someone's behalf, from a company's page or a person's page.
 * Changes go to the audit log.
 */
@Service
public class MembershipAdministration {

    private final PersonRepository people;
    private final CompanyRepository companies;
    private final AuditLog audit;

    MembershipAdministration(PersonRepository people, CompanyRepository companies, AuditLog audit) {
        this.people = people;
        this.companies = companies;
        this.audit = audit;
    }

    /** Makes clients members of the company (the company page). */
    @Transactional
    public void addMembers(Viewer viewer, UUID companyId, Collection<UUID> personIds) {
        AdministrationRows.requireAdministrator(viewer);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        for (Person person : loadPeople(personIds, "personIds")) {
            addMembership(viewer, person, company, "personIds");
        }
    }

    /** Makes a client a member of the companies (the person page). */
    @Transactional
    public void addCompanies(Viewer viewer, UUID personId, Collection<UUID> companyIds) {
        AdministrationRows.requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        for (Company company : loadCompanies(companyIds, "companyIds")) {
            addMembership(viewer, person, company, "companyIds");
        }
    }

    /** Takes a client out of a company; their favourite of it goes too, and with them their access (docs/access-rules.md). */
    @Transactional
    public void removeMembership(Viewer viewer, UUID personId, UUID companyId) {
        AdministrationRows.requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        if (!person.companies().contains(company)) {
            return;
        }
        boolean wasFavourite = person.favourites().contains(company);
        Set<Company> remaining = new HashSet<>(person.companies());
        remaining.remove(company);
        person.replaceCompanies(remaining);
        people.save(person);
        audit.record(viewer.id(), "MEMBERSHIP_REMOVED", company.externalId(), "person: " + person.email());
        if (wasFavourite) {
            audit.record(viewer.id(), "FAVOURITE_REMOVED", company.externalId(), "person: " + person.email());
        }
    }

    /** Stars the company for several people at once (assigning a client file to staff). */
    @Transactional
    public void assignFavourite(Viewer viewer, UUID companyId, Collection<UUID> personIds) {
        AdministrationRows.requireAdministrator(viewer);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        List<Person> chosen = loadPeople(personIds, "personIds");
        List<FieldProblem> problems = new ArrayList<>();
        for (Person person : chosen) {
            if (!person.mayStar(company)) {
                problems.add(FieldProblem.of("personIds", "admin.favourite.error.notMember", person.name()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (Person person : chosen) {
            star(viewer, person, company);
        }
    }

    /** Stars companies for one person (the person page). */
    @Transactional
    public void addFavourites(Viewer viewer, UUID personId, Collection<UUID> companyIds) {
        AdministrationRows.requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        List<Company> chosen = loadCompanies(companyIds, "favouriteIds");
        List<FieldProblem> problems = new ArrayList<>();
        for (Company company : chosen) {
            if (!person.mayStar(company)) {
                problems.add(FieldProblem.of("favouriteIds", "admin.favourite.error.notMember", person.name()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (Company company : chosen) {
            star(viewer, person, company);
        }
    }

    @Transactional
    public void removeFavourite(Viewer viewer, UUID personId, UUID companyId) {
        AdministrationRows.requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        if (!person.favourites().contains(company)) {
            return;
        }
        person.unstar(company);
        people.save(person);
        audit.record(viewer.id(), "FAVOURITE_REMOVED", company.externalId(), "person: " + person.email());
    }

    private void addMembership(Viewer viewer, Person person, Company company, String field) {
        if (!person.isClient()) {
            throw new InvalidInputException(field, "admin.membership.error.notClient", person.name());
        }
        if (person.companies().contains(company)) {
            return;
        }
        Set<Company> all = new HashSet<>(person.companies());
        all.add(company);
        person.replaceCompanies(all);
        people.save(person);
        audit.record(viewer.id(), "MEMBERSHIP_ADDED", company.externalId(), "person: " + person.email());
    }

    private void star(Viewer viewer, Person person, Company company) {
        if (person.favourites().contains(company)) {
            return;
        }
        person.star(company);
        people.save(person);
        audit.record(viewer.id(), "FAVOURITE_ASSIGNED", company.externalId(), "person: " + person.email());
    }

    private List<Person> loadPeople(Collection<UUID> ids, String field) {
        Set<UUID> unique = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        if (unique.isEmpty()) {
            throw new InvalidInputException(field, "admin.error.chooseSomeone");
        }
        List<Person> found = people.findAllById(unique);
        if (found.size() != unique.size()) {
            throw new InvalidInputException(field, "admin.error.unknownPerson");
        }
        return found;
    }

    private List<Company> loadCompanies(Collection<UUID> ids, String field) {
        Set<UUID> unique = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        if (unique.isEmpty()) {
            throw new InvalidInputException(field, "admin.error.chooseCompany");
        }
        List<Company> found = companies.findAllById(unique);
        if (found.size() != unique.size()) {
            throw new InvalidInputException(field, "admin.error.unknownCompany");
        }
        return found;
    }
}
