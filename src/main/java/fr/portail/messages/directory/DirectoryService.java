package fr.portail.messages.directory;

import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SearchPatterns;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What people do with the directory themselves: who they are, which companies they may pick, their favourites. */
@Service
public class DirectoryService {

    private static final int MAX_CHOICES = 100;

    private final PersonRepository people;
    private final CompanyRepository companies;
    private final JdbcClient jdbc;

    DirectoryService(PersonRepository people, CompanyRepository companies, JdbcClient jdbc) {
        this.people = people;
        this.companies = companies;
        this.jdbc = jdbc;
    }

    /**
     * A select of at most one row and column: the active person whose e-mail is {@code emailExpression}, as the UTF-8
     * bytes of a JSON object with the fields of {@link Viewer}. The session is read with it (security's
     * {@code SessionPerson}), so that each request knows its person as of that request without a statement of its own.
     */
    public static String activeViewerAsJson(String emailExpression) {
        return """
                select convert_to(json_build_object('id', p.id, 'name', p.name, 'email', p.email, 'kind', p.kind,
                                                    'admin', p.admin)::text, 'UTF8')
                  from person p where p.active and lower(p.email) = lower(%s)""".formatted(emailExpression);
    }

    /**
     * The viewer for an active person; empty for an unknown or deactivated one. Runs on every request, so it is one
     * statement without a transaction around it.
     */
    public Optional<Viewer> activeViewer(UUID personId) {
        return jdbc.sql("select id, name, email, kind, admin from person where id = ? and active")
                .param(personId)
                .query((rs, row) -> new Viewer(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("email"),
                        PersonKind.valueOf(rs.getString("kind")),
                        rs.getBoolean("admin")))
                .optional();
    }

    /** The active person with this e-mail, as a viewer (tests that follow a person through the application use it). */
    @Transactional(readOnly = true)
    public Optional<Viewer> activeViewerByEmail(String email) {
        return people.findByEmail(Emails.normalize(email))
                .filter(Person::isActive)
                .map(Viewer::of);
    }

    @Transactional(readOnly = true)
    public Profile profile(Viewer viewer) {
        Person person = people.findById(viewer.id()).orElseThrow(NotFoundException::new);
        return new Profile(
                person.id(),
                person.name(),
                person.email(),
                person.kind(),
                person.isAdmin(),
                person.language(),
                person.emailNotifications(),
                refs(person.companies()),
                refs(person.favourites()));
    }

    private static List<Profile.CompanyRef> refs(java.util.Set<Company> set) {
        return set.stream()
                .sorted(Comparator.comparing(Company::name, String.CASE_INSENSITIVE_ORDER))
                .map(c -> new Profile.CompanyRef(c.id(), c.externalId(), c.name()))
                .toList();
    }

    /**
     * The companies the viewer may pick or star, favourites first, then by name: every company for a collaborator,
     * its own for a client.
     */
    @Transactional(readOnly = true)
    public List<CompanyChoice> pickableCompanies(Viewer viewer, String query) {
        return companyChoices(
                viewer,
                "lower(c.name) like :pattern escape '\\' or lower(c.external_id) like :pattern escape '\\'",
                Map.of("pattern", SearchPatterns.contains(query)));
    }

    /** One company the viewer may pick, or empty when it does not exist or the viewer may not see it. */
    @Transactional(readOnly = true)
    public Optional<CompanyChoice> pickableCompany(Viewer viewer, UUID companyId) {
        return companyChoices(viewer, "c.id = :companyId", Map.of("companyId", companyId)).stream()
                .findFirst();
    }

    private List<CompanyChoice> companyChoices(Viewer viewer, String condition, Map<String, Object> parameters) {
        String scope = viewer.isClient() ? "join membership m on m.company_id = c.id and m.person_id = :viewer" : "";
        return jdbc.sql("""
                        select c.id, c.external_id, c.name, (f.person_id is not null) as favourite
                        from company c %s
                        left join favourite f on f.company_id = c.id and f.person_id = :viewer
                        where %s
                        order by favourite desc, lower(c.name), c.id
                        limit :limit
                        """.formatted(scope, condition))
                .param("viewer", viewer.id())
                .params(parameters)
                .param("limit", MAX_CHOICES)
                .query((rs, row) -> new CompanyChoice(
                        rs.getObject("id", UUID.class),
                        rs.getString("external_id"),
                        rs.getString("name"),
                        rs.getBoolean("favourite")))
                .list();
    }

    /** Whether the viewer may pick this company for a conversation (docs/access-rules.md, "who may be named"). */
    @Transactional(readOnly = true)
    public boolean mayPickCompany(Viewer viewer, UUID companyId) {
        return jdbc.sql("""
                        select exists (select 1 from company c
                                        where c.id = :company
                                          and (:collaborator or exists (select 1 from membership m
                                                                         where m.company_id = c.id
                                                                           and m.person_id = :viewer)))""")
                .param("company", companyId)
                .param("collaborator", viewer.isCollaborator())
                .param("viewer", viewer.id())
                .query(Boolean.class)
                .single();
    }

    @Transactional(readOnly = true)
    public Optional<CompanyChoice> company(UUID companyId) {
        return companies.findById(companyId).map(c -> new CompanyChoice(c.id(), c.externalId(), c.name(), false));
    }

    /** Stars a company the viewer may pick; an unknown company, or another company for a client, is not found. */
    @Transactional
    public void star(Viewer viewer, UUID companyId) {
        Person person = people.findById(viewer.id()).orElseThrow(NotFoundException::new);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        if (!person.mayStar(company)) {
            throw new NotFoundException();
        }
        person.star(company);
        people.save(person);
    }

    @Transactional
    public void unstar(Viewer viewer, UUID companyId) {
        Person person = people.findById(viewer.id()).orElseThrow(NotFoundException::new);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        if (!person.mayStar(company)) {
            throw new NotFoundException();
        }
        person.unstar(company);
        people.save(person);
    }

    @Transactional
    public void changeLanguage(Viewer viewer, String language) {
        Person person = people.findById(viewer.id()).orElseThrow(NotFoundException::new);
        person.changeLanguage(language);
        people.save(person);
    }

    @Transactional
    public void changeEmailNotifications(Viewer viewer, boolean enabled) {
        Person person = people.findById(viewer.id()).orElseThrow(NotFoundException::new);
        person.changeEmailNotifications(enabled);
        people.save(person);
    }
}
