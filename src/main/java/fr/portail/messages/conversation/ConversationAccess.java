package fr.portail.messages.conversation;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The access policy of SPEC §2, and the only code that decides who may access a conversation. It has two forms that
 * tests prove equal: {@link #mayAccess(AccessFacts)}, a yes/no decision over the facts of one conversation, and
 * {@link #accessibleConversations}, an SQL query listing what a person may access, used by the inbox and every count.
 * Access means everything (read, download, reply); nobody has a bypass, administrators included.
 */
@Component
public class ConversationAccess {

    /**
     * Columns computing the {@link AccessFacts} of conversation {@code c} for person {@code v}, from the current
     * favourites, memberships and participants.
     */
    static final String FACTS_COLUMNS = """
            c.type as access_type,
            v.kind as access_viewer_kind,
            v.active as access_viewer_active,
            exists (select 1 from participant p where p.conversation_id = c.id and p.person_id = v.id)
              as access_viewer_participant,
            exists (select 1 from favourite f where f.person_id = v.id and f.company_id = c.company_id)
              as access_viewer_starred,
            exists (select 1 from membership m where m.person_id = v.id and m.company_id = c.company_id)
              as access_viewer_member,
            exists (select 1 from participant p
                      join person pp on pp.id = p.person_id and pp.kind = 'CLIENT'
                      join favourite f on f.person_id = p.person_id and f.company_id = c.company_id
                     where p.conversation_id = c.id)
              as access_client_participant_starred
            """;

    /** Below this many favourite companies, the query form scans each one; see {@link #favouriteScanThreshold()}. */
    private static final int MIN_FAVOURITE_SCAN_THRESHOLD = 8;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private volatile int favouriteScanThreshold = MIN_FAVOURITE_SCAN_THRESHOLD;

    ConversationAccess(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * The value to bind to {@code :favouriteScanThreshold} in the query form. Scanning each favourite company reads
     * about {@code limit × favourites} index entries; scanning the firm's activity reads about
     * {@code limit × companies / favourites}; the two cost the same when {@code favourites² = companies}.
     */
    public int favouriteScanThreshold() {
        return favouriteScanThreshold;
    }

    /**
     * Recomputes {@link #favouriteScanThreshold()} from the number of companies, outside of any request. A stale value
     * only changes the cost of the query form, never its rows.
     */
    @Scheduled(fixedDelayString = "5m")
    void refreshFavouriteScanThreshold() {
        long companies =
                jdbc.sql("select count(*) from company").query(Long.class).single();
        favouriteScanThreshold = Math.max(MIN_FAVOURITE_SCAN_THRESHOLD, (int) Math.ceil(Math.sqrt(companies)));
    }

    /** The yes/no form: SPEC §2's table, row by row. */
    static boolean mayAccess(AccessFacts facts) {
        if (!facts.viewerActive()) {
            return false;
        }
        if (facts.type() == ConversationType.PRIVE) {
            return facts.viewerIsParticipant();
        }
        if (facts.viewerKind() == PersonKind.COLLABORATOR) {
            return facts.viewerStarredCompany() || facts.viewerIsParticipant();
        }
        if (!facts.viewerIsMember()) {
            return false;
        }
        return switch (facts.type()) {
            case CONFIDENTIEL -> facts.viewerIsParticipant();
            case ENTREPRISE ->
                facts.viewerIsParticipant()
                        || (facts.viewerStarredCompany() && facts.clientParticipantStarredCompany());
            case PRIVE -> throw new IllegalStateException("handled above");
        };
    }

    static AccessFacts readFacts(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AccessFacts(
                ConversationType.valueOf(rs.getString("access_type")),
                PersonKind.valueOf(rs.getString("access_viewer_kind")),
                rs.getBoolean("access_viewer_active"),
                rs.getBoolean("access_viewer_participant"),
                rs.getBoolean("access_viewer_starred"),
                rs.getBoolean("access_viewer_member"),
                rs.getBoolean("access_client_participant_starred"));
    }

    /** The facts of one conversation for one person; empty when either does not exist. */
    Optional<AccessFacts> facts(UUID personId, UUID conversationId) {
        return jdbc.sql("select " + FACTS_COLUMNS
                        + " from conversation c cross join person v where c.id = ? and v.id = ?")
                .params(conversationId, personId)
                .query((rs, row) -> readFacts(rs))
                .optional();
    }

    /** Whether the person may access the conversation now; false for a conversation that does not exist. */
    public boolean isAccessible(UUID personId, UUID conversationId) {
        return facts(personId, conversationId)
                .map(ConversationAccess::mayAccess)
                .orElse(false);
    }

    /** Which of these people may access the conversation now, decided for all of them in one statement. */
    public Set<UUID> whoMayAccess(UUID conversationId, Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc
                .sql("select v.id as person_id, " + FACTS_COLUMNS
                        + " from conversation c cross join person v where c.id = :conversation and v.id in (:people)")
                .param("conversation", conversationId)
                .param("people", Set.copyOf(personIds))
                .query((rs, row) -> mayAccess(readFacts(rs)) ? rs.getObject("person_id", UUID.class) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList());
    }

    /** Which of these conversations the person may access now, decided for all of them in one statement. */
    public Set<UUID> accessibleAmong(UUID personId, Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc
                .sql("select c.id as conversation_id, " + FACTS_COLUMNS
                        + " from conversation c cross join person v where v.id = :person and c.id in (:conversations)")
                .param("person", personId)
                .param("conversations", Set.copyOf(conversationIds))
                .query((rs, row) -> mayAccess(readFacts(rs)) ? rs.getObject("conversation_id", UUID.class) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList());
    }

    /**
     * The load-and-authorise entry point of every conversation, message and attachment request: returns when the
     * viewer may access the conversation and throws the same {@link NotFoundException} for "missing" and "forbidden".
     */
    public void requireAccessible(Viewer viewer, UUID conversationId) {
        if (!isAccessible(viewer.id(), conversationId)) {
            throw refused(viewer, conversationId);
        }
    }

    /** Records a refused attempt in the audit log and gives the "not found" to throw. */
    NotFoundException refused(Viewer viewer, UUID conversationId) {
        audit.recordIndependently(viewer.id(), "CONVERSATION_ACCESS_REFUSED", conversationId.toString(), null);
        return new NotFoundException();
    }

    /**
     * The query form: an SQL query returning {@code id, last_message_at, message_count} of every conversation the person
     * {@code :viewer} may access, newest activity first.
     *
     * <p>It is a union of the two ways to have access — through a favourite company, and as a participant — so that
     * each branch walks an index in activity order ({@code conversation(company_id, last_message_at desc, id desc)}
     * and {@code participant(person_id, last_message_at desc, conversation_id desc)}).
     *
     * <p>A collaborator's favourite companies are read in one of two ways, chosen when the query runs by comparing
     * their number with the bound parameter {@code :favouriteScanThreshold} (see {@link #favouriteScanThreshold()}):
     * one index scan per favourite company for a few favourites, or one scan of the whole firm's activity keeping
     * the favourite companies for many. Both give the same rows; only their cost differs. In the second, the
     * favourite test is wrapped in {@code is true} so that it stays a filter on the activity index (PostgreSQL checks
     * it against a hash of the favourites): the planner cannot estimate how many rows the favourites keep, and given
     * the choice it joins them and reads every conversation of every favourite company through the other index, then
     * sorts them (27 ms instead of 0.2 ms for 300 favourites out of 2,000 companies).
     *
     * @param kind the person's kind, which decides the shape of the query
     * @param filter extra condition on the conversation {@code c} (type, company, unread, …), {@code true} for none
     * @param keyset whether to add the keyset condition {@code (last_message_at, id) < (:cursorAt, :cursorId)}
     * @param participantOnly only the conversations where the person is a participant
     * @param limit rows per branch and in all, or {@code null} for every row
     */
    static String accessibleConversations(
            PersonKind kind, String filter, boolean keyset, boolean participantOnly, Integer limit) {
        Map<String, String> fragments = Map.of(
                "filter",
                filter,
                "active",
                VIEWER_ACTIVE,
                "favouriteCount",
                FAVOURITE_COUNT,
                "participantKeyset",
                keyset ? PARTICIPANT_KEYSET : "",
                "companyKeyset",
                keyset ? COMPANY_KEYSET : "",
                "limit",
                limit == null ? "" : " limit " + limit);
        boolean collaborator = kind == PersonKind.COLLABORATOR;
        String participations = assemble(collaborator ? COLLABORATOR_PARTICIPATIONS : CLIENT_PARTICIPATIONS, fragments);
        String union = participantOnly
                ? participations
                : participations + " union "
                        + assemble(collaborator ? COLLABORATOR_FAVOURITES : CLIENT_FAVOURITES, fragments);
        return "select id, last_message_at, message_count from (" + union
                + ") accessible order by last_message_at desc, id desc" + fragments.get("limit");
    }

    private static final Pattern FRAGMENT = Pattern.compile("\\{(\\w+)}");

    /** Replaces each {@code {name}} of the template by its fragment; a name without a fragment is a bug. */
    private static String assemble(String template, Map<String, String> fragments) {
        return FRAGMENT.matcher(template).replaceAll(match -> {
            String fragment = fragments.get(match.group(1));
            if (fragment == null) {
                throw new IllegalStateException("No SQL fragment named " + match.group(1));
            }
            return Matcher.quoteReplacement(fragment);
        });
    }

    private static final String VIEWER_ACTIVE = "exists (select 1 from person v where v.id = :viewer and v.active)";
    private static final String FAVOURITE_COUNT = "(select count(*) from favourite fc where fc.person_id = :viewer)";
    private static final String PARTICIPANT_KEYSET =
            " and (p.last_message_at, p.conversation_id) < (:cursorAt, :cursorId)";
    private static final String COMPANY_KEYSET = " and (c.last_message_at, c.id) < (:cursorAt, :cursorId)";

    /** A collaborator's conversations as a participant, any type. */
    private static final String COLLABORATOR_PARTICIPATIONS = """
            (select c.id, c.last_message_at, c.message_count from participant p join conversation c on c.id = p.conversation_id
              where p.person_id = :viewer and {active} and ({filter}){participantKeyset}
              order by p.last_message_at desc, p.conversation_id desc{limit})
            """;

    /**
     * A collaborator's Entreprise and Confidentiel conversations of favourite companies: one scan per favourite
     * company, or one scan of the firm's activity, whichever {@code :favouriteScanThreshold} says is cheaper.
     */
    private static final String COLLABORATOR_FAVOURITES = """
            (select id, last_message_at, message_count from (
              (select c.id, c.last_message_at, c.message_count from favourite f
                cross join lateral (
                  select c.id, c.last_message_at, c.message_count from conversation c
                   where c.company_id = f.company_id and c.type <> 'PRIVE' and ({filter}){companyKeyset}
                   order by c.last_message_at desc, c.id desc{limit}) c
                where f.person_id = :viewer and {active} and {favouriteCount} < :favouriteScanThreshold)
              union all
              (select c.id, c.last_message_at, c.message_count from conversation c
                where (exists (select 1 from favourite f
                                where f.person_id = :viewer and f.company_id = c.company_id)) is true
                  and c.type <> 'PRIVE' and ({filter}){companyKeyset} and {active}
                  and {favouriteCount} >= :favouriteScanThreshold
                order by c.last_message_at desc, c.id desc{limit})) favourites)
            """;

    /** A client's conversations as a participant: Privé ones, and those of a company the client belongs to. */
    private static final String CLIENT_PARTICIPATIONS = """
            (select c.id, c.last_message_at, c.message_count from participant p join conversation c on c.id = p.conversation_id
              where p.person_id = :viewer and {active}
                and (c.type = 'PRIVE' or exists (select 1 from membership m
                                                  where m.person_id = :viewer and m.company_id = c.company_id))
                and ({filter}){participantKeyset}
              order by p.last_message_at desc, p.conversation_id desc{limit})
            """;

    /**
     * A client's Entreprise conversations of a starred company it belongs to, when a client participant starred the
     * company too.
     */
    private static final String CLIENT_FAVOURITES = """
            (select c.id, c.last_message_at, c.message_count from favourite f
              join membership m on m.person_id = f.person_id and m.company_id = f.company_id
              cross join lateral (
                select c.id, c.last_message_at, c.message_count from conversation c
                 where c.company_id = f.company_id and c.type = 'ENTREPRISE'
                   and exists (select 1 from participant cp
                                 join person cpp on cpp.id = cp.person_id and cpp.kind = 'CLIENT'
                                 join favourite cf on cf.person_id = cp.person_id and cf.company_id = c.company_id
                                where cp.conversation_id = c.id)
                   and ({filter}){companyKeyset}
                 order by c.last_message_at desc, c.id desc{limit}) c
              where f.person_id = :viewer and {active})
            """;
}
