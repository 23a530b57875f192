package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.TextRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports (upserts) a directory file in one transaction: every entry is checked first, and any error rejects the
 * whole file with the list of every error, changing nothing. The demo data goes through here too.
 */
@Service
public class DirectoryImporter {

    private final CompanyRepository companies;
    private final PersonRepository people;
    private final InvitationService invitations;
    private final AuditLog audit;

    DirectoryImporter(
            CompanyRepository companies, PersonRepository people, InvitationService invitations, AuditLog audit) {
        this.companies = companies;
        this.people = people;
        this.invitations = invitations;
        this.audit = audit;
    }

    /**
     * Applies the file.
     *
     * @param actorId the administrator importing, or {@code null} for the system
     * @throws InvalidInputException listing every invalid entry; nothing is changed then
     */
    @Transactional
    public ImportResult importDirectory(DirectoryFile file, UUID actorId) {
        return apply(file, actorId);
    }

    /** Validates the file and says what it would change, without changing anything. */
    @Transactional
    public ImportResult preview(DirectoryFile file, UUID actorId) {
        ImportResult result = apply(file, actorId);
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return new ImportResult(result.created(), result.updated(), result.companies(), result.users(), List.of());
    }

    private ImportResult apply(DirectoryFile file, UUID actorId) {
        List<FieldProblem> refusedText = refusedText(file);
        if (!refusedText.isEmpty()) {
            // Before any look-up: such text must not reach a query.
            throw new InvalidInputException(refusedText);
        }
        Map<String, Company> existingCompanies = companies
                .findByExternalIdIn(file.companies().stream()
                        .map(DirectoryFile.CompanyEntry::externalId)
                        .filter(Objects::nonNull)
                        .map(String::strip)
                        .toList())
                .stream()
                .collect(Collectors.toMap(Company::externalId, Function.identity()));
        Set<String> referenced = new HashSet<>();
        file.users().forEach(user -> {
            if (user.companies() != null) referenced.addAll(user.companies());
            if (user.favourites() != null) referenced.addAll(user.favourites());
        });
        companies.findByExternalIdIn(referenced).forEach(c -> existingCompanies.putIfAbsent(c.externalId(), c));
        Map<String, Person> existingPeople = people
                .findByEmails(file.users().stream()
                        .map(DirectoryFile.PersonEntry::email)
                        .filter(Objects::nonNull)
                        .map(Emails::normalize)
                        .toList())
                .stream()
                .collect(Collectors.toMap(Person::email, Function.identity()));

        boolean hadAdministrator = people.existsActiveAdministrator();
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> fileCompanyIds = validateCompanies(file.companies(), problems);
        validatePeople(file.users(), fileCompanyIds, existingCompanies, existingPeople, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }

        int companiesCreated = 0;
        int companiesUpdated = 0;
        Map<String, Company> byExternalId = new HashMap<>(existingCompanies);
        List<ImportResult.CompanyId> companyIds = new ArrayList<>();
        for (var entry : file.companies()) {
            String externalId = entry.externalId().strip();
            String name = entry.name().strip();
            Company company = byExternalId.get(externalId);
            if (company == null) {
                company = companies.save(new Company(externalId, name));
                byExternalId.put(externalId, company);
                companiesCreated++;
            } else if (!company.name().equals(name)) {
                company.rename(name);
                companies.save(company);
                companiesUpdated++;
            }
            companyIds.add(new ImportResult.CompanyId(externalId, company.id()));
        }

        int usersCreated = 0;
        int usersUpdated = 0;
        List<ImportResult.PersonId> personIds = new ArrayList<>();
        List<Person> created = new ArrayList<>();
        for (var entry : file.users()) {
            String email = Emails.normalize(entry.email());
            PersonKind kind = PersonKind.valueOf(entry.kind().strip().toUpperCase(Locale.ROOT));
            Person person = existingPeople.get(email);
            boolean changed;
            if (person == null) {
                person = new Person(email, entry.name().strip(), kind, Boolean.TRUE.equals(entry.admin()));
                created.add(person);
                changed = false;
                usersCreated++;
            } else {
                changed = !person.name().equals(entry.name().strip());
                person.rename(entry.name().strip());
                if (entry.admin() != null && entry.admin() != person.isAdmin()) {
                    person.changeAdmin(entry.admin());
                    changed = true;
                }
            }
            if (entry.companies() != null) {
                Set<Company> newCompanies = resolve(entry.companies(), byExternalId);
                changed |= !newCompanies.equals(person.companies());
                person.replaceCompanies(newCompanies);
            }
            if (entry.favourites() != null) {
                Set<Company> newFavourites = resolve(entry.favourites(), byExternalId);
                changed |= !newFavourites.equals(person.favourites());
                person.replaceFavourites(newFavourites);
            }
            // A person created by this file is counted as created only, whatever its companies and favourites.
            if (person.isNew()) {
                people.save(person);
            } else if (changed) {
                people.save(person);
                usersUpdated++;
            }
            personIds.add(new ImportResult.PersonId(email, person.id()));
        }
        if (hadAdministrator && !people.existsActiveAdministrator()) {
            throw new InvalidInputException(null, "import.error.lastAdmin");
        }
        List<ImportResult.InvitationLink> links = new ArrayList<>();
        for (Person person : created) {
            IssuedInvitation issued = invitations.issue(person.id(), actorId);
            links.add(new ImportResult.InvitationLink(issued.email(), issued.url()));
        }
        audit.record(
                actorId,
                "DIRECTORY_IMPORTED",
                null,
                "companies created %d updated %d, people created %d updated %d"
                        .formatted(companiesCreated, companiesUpdated, usersCreated, usersUpdated));
        return new ImportResult(
                new ImportResult.Counts(companiesCreated, usersCreated),
                new ImportResult.Counts(companiesUpdated, usersUpdated),
                companyIds,
                personIds,
                links);
    }

    private static Set<Company> resolve(List<String> externalIds, Map<String, Company> byExternalId) {
        Set<Company> resolved = new LinkedHashSet<>();
        for (String externalId : externalIds) {
            resolved.add(byExternalId.get(externalId.strip()));
        }
        return resolved;
    }

    /** Every text of the file against the {@link TextRules}; names are names (one line, no bidi override). */
    private static List<FieldProblem> refusedText(DirectoryFile file) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < file.companies().size(); i++) {
            var entry = file.companies().get(i);
            if (entry != null) {
                check(entry.externalId(), "companies[" + i + "].externalId", TextRules.Kind.NAME, problems);
                check(entry.name(), "companies[" + i + "].name", TextRules.Kind.NAME, problems);
            }
        }
        for (int i = 0; i < file.users().size(); i++) {
            var entry = file.users().get(i);
            if (entry == null) {
                continue;
            }
            String path = "users[" + i + "]";
            check(entry.email(), path + ".email", TextRules.Kind.NAME, problems);
            check(entry.name(), path + ".name", TextRules.Kind.NAME, problems);
            check(entry.kind(), path + ".kind", TextRules.Kind.NAME, problems);
            for (String externalId : entry.companies() == null ? List.<String>of() : entry.companies()) {
                check(externalId, path + ".companies", TextRules.Kind.NAME, problems);
            }
            for (String externalId : entry.favourites() == null ? List.<String>of() : entry.favourites()) {
                check(externalId, path + ".favourites", TextRules.Kind.NAME, problems);
            }
        }
        return problems;
    }

    private static void check(String text, String path, TextRules.Kind kind, List<FieldProblem> problems) {
        TextRules.problem(text, kind).ifPresent(key -> problems.add(FieldProblem.of(path, key)));
    }

    private static Set<String> validateCompanies(
            List<DirectoryFile.CompanyEntry> entries, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            String path = "companies[" + i + "]";
            if (entry == null) {
                problems.add(FieldProblem.of(path, "import.error.emptyEntry"));
                continue;
            }
            if (isBlank(entry.externalId())) {
                problems.add(FieldProblem.of(path + ".externalId", "import.error.required"));
            } else if (entry.externalId().strip().length() > 100) {
                problems.add(FieldProblem.of(path + ".externalId", "import.error.tooLong", 100));
            } else if (!seen.add(entry.externalId().strip())) {
                problems.add(FieldProblem.of(path + ".externalId", "import.error.duplicate", entry.externalId()));
            }
            if (isBlank(entry.name())) {
                problems.add(FieldProblem.of(path + ".name", "import.error.required"));
            } else if (entry.name().strip().length() > 200) {
                problems.add(FieldProblem.of(path + ".name", "import.error.tooLong", 200));
            }
        }
        return seen;
    }

    private static void validatePeople(
            List<DirectoryFile.PersonEntry> entries,
            Set<String> fileCompanyIds,
            Map<String, Company> existingCompanies,
            Map<String, Person> existingPeople,
            List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            String path = "users[" + i + "]";
            if (entry == null) {
                problems.add(FieldProblem.of(path, "import.error.emptyEntry"));
                continue;
            }
            if (!Emails.isValid(entry.email())) {
                problems.add(FieldProblem.of(path + ".email", "import.error.email", String.valueOf(entry.email())));
            } else if (!seen.add(Emails.normalize(entry.email()))) {
                problems.add(FieldProblem.of(path + ".email", "import.error.duplicate", entry.email()));
            }
            if (isBlank(entry.name())) {
                problems.add(FieldProblem.of(path + ".name", "import.error.required"));
            } else if (entry.name().strip().length() > 200) {
                problems.add(FieldProblem.of(path + ".name", "import.error.tooLong", 200));
            }
            PersonKind kind = parseKind(entry.kind());
            if (kind == null) {
                problems.add(FieldProblem.of(path + ".kind", "import.error.kind", String.valueOf(entry.kind())));
                continue;
            }
            Person existing = entry.email() == null ? null : existingPeople.get(Emails.normalize(entry.email()));
            if (existing != null && existing.kind() != kind) {
                problems.add(FieldProblem.of(path + ".kind", "import.error.kindChange", entry.email()));
            }
            if (Boolean.TRUE.equals(entry.admin()) && kind != PersonKind.COLLABORATOR) {
                problems.add(FieldProblem.of(path + ".admin", "import.error.clientAdmin"));
            }
            if (entry.companies() != null && !entry.companies().isEmpty() && kind != PersonKind.CLIENT) {
                problems.add(FieldProblem.of(path + ".companies", "import.error.collaboratorMembership"));
            }
            checkKnown(entry.companies(), path + ".companies", fileCompanyIds, existingCompanies, problems);
            checkKnown(entry.favourites(), path + ".favourites", fileCompanyIds, existingCompanies, problems);
            if (kind == PersonKind.CLIENT && entry.favourites() != null) {
                Set<String> memberOf = entry.companies() != null
                        ? entry.companies().stream().map(String::strip).collect(Collectors.toSet())
                        : existing == null
                                ? Set.of()
                                : existing.companies().stream()
                                        .map(Company::externalId)
                                        .collect(Collectors.toSet());
                for (String favourite : entry.favourites()) {
                    if (favourite != null && !memberOf.contains(favourite.strip())) {
                        problems.add(
                                FieldProblem.of(path + ".favourites", "import.error.favouriteNotMember", favourite));
                    }
                }
            }
        }
    }

    private static void checkKnown(
            List<String> externalIds,
            String path,
            Set<String> fileCompanyIds,
            Map<String, Company> existingCompanies,
            List<FieldProblem> problems) {
        if (externalIds == null) {
            return;
        }
        for (String externalId : externalIds) {
            if (externalId == null
                    || (!fileCompanyIds.contains(externalId.strip())
                            && !existingCompanies.containsKey(externalId.strip()))) {
                problems.add(FieldProblem.of(path, "import.error.unknownCompany", String.valueOf(externalId)));
            }
        }
    }

    private static PersonKind parseKind(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return PersonKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
