package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.SearchPatterns;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whom an author may designate as participants (docs/access-rules.md), also when adding participants later: for a company's
 * conversation, active collaborators and the company's active clients; for a private one, active collaborators and
 * any active client (collaborator author) or the clients sharing a company with the author (client author). The
 * pickers list nothing else, so a client cannot enumerate other companies' people.
 */
@Component
class ParticipantEligibility {

    private static final int MAX_CHOICES = 50;

    private final JdbcClient jdbc;

    ParticipantEligibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Condition on person {@code p} for the author {@code :author}, the company {@code :company}. */
    private static String eligible(Viewer author, ConversationType type) {
        String clientCondition;
        if (type.hasCompany()) {
            clientCondition =
                    "exists (select 1 from membership m where m.person_id = p.id and m.company_id = :company)";
        } else if (author.isCollaborator()) {
            clientCondition = "true";
        } else {
            clientCondition = """
                    exists (select 1 from membership m1 join membership m2 on m2.company_id = m1.company_id
                             where m1.person_id = p.id and m2.person_id = :author)""";
        }
        return "p.active and p.id <> :author and (p.kind = 'COLLABORATOR' or (p.kind = 'CLIENT' and " + clientCondition
                + "))";
    }

    /** The people the author may pick, matching the search, collaborators first then by name. */
    List<PersonChoice> choices(Viewer author, ConversationType type, UUID companyId, String query) {
        if (type.hasCompany() && companyId == null) {
            return List.of();
        }
        String pattern = SearchPatterns.contains(query);
        return jdbc.sql("select p.id, p.name, p.kind from person p where " + eligible(author, type)
                        + " and (lower(p.name) like :pattern escape '\\' or lower(p.email) like :pattern escape '\\')"
                        + " order by p.kind desc, lower(p.name), p.id limit " + MAX_CHOICES)
                .param("author", author.id())
                .param("company", companyId)
                .param("pattern", pattern)
                .query((rs, row) -> new PersonChoice(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        fr.portail.messages.directory.PersonKind.valueOf(rs.getString("kind"))))
                .list();
    }

    /** The ids among {@code candidates} that the author may not designate. */
    Set<UUID> ineligible(Viewer author, ConversationType type, UUID companyId, Collection<UUID> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<UUID> eligible =
                new HashSet<>(jdbc.sql("select p.id from person p where p.id in (:ids) and " + eligible(author, type))
                        .param("ids", candidates)
                        .param("author", author.id())
                        .param("company", companyId)
                        .query((rs, row) -> rs.getObject("id", UUID.class))
                        .list());
        Set<UUID> refused = new HashSet<>(candidates);
        refused.removeAll(eligible);
        return refused;
    }
}
