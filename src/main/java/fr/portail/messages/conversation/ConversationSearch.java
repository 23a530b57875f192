package fr.portail.messages.conversation;

import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Search among the conversations a person may access (see {@link SearchQuery} for what is searched and how). The
 * candidates come from the query form of {@link ConversationAccess} with the search as its filter, so results, counts
 * and excerpts never reach beyond what the person may read.
 *
 * <p>The {@link #DEPTH} most recently active matching conversations are ranked by relevance, where the words are
 * (their weight in the subject, then in the company and participants, then in file names; found only in the messages
 * comes after), then by activity: the cost of a search stays bounded however common its words are. Only the rows of
 * the page shown look for their best matching message, its excerpt and the number of matching messages.
 *
 * <p>The query form finds them in one of two ways, which give the same rows. For common words it walks the person's
 * conversations by activity and probes each one for the words, stopping at {@link #DEPTH}. For a rare word that walk
 * would probe every conversation the person may read (a second per 100,000), so when PostgreSQL estimates that a term
 * is in at most {@link #MATCHES_FIRST_LIMIT} messages and documents, the search first reads the conversations that
 * contain it from the full-text indexes, and the query form keeps those ({@code search_driver}).
 */
@Service
public class ConversationSearch {

    /** How many of the most recently active matching conversations are ranked. */
    static final int DEPTH = 200;

    static final int PAGE_SIZE = 25;

    /** A term estimated in at most this many messages and documents is read from the indexes first. */
    static final long MATCHES_FIRST_LIMIT = 10_000;

    /** A word in no message: its estimate is the one PostgreSQL gives every word its statistics do not list. */
    private static final String UNLISTED_WORD = "qzxwvkjqzxwvkj";

    private static final Pattern ESTIMATED_ROWS = Pattern.compile("rows=(\\d+)");

    /** At most this many messages of one conversation are marked when it is opened from a search. */
    private static final int MARKED_MESSAGES = 50;

    private static final char MARK_START = '\u0001';
    private static final char MARK_END = '\u0002';
    private static final Pattern MARKED = Pattern.compile(MARK_START + "([^" + MARK_END + "]*)" + MARK_END);

    /** The text given to {@code ts_headline}, without the two characters that mark the words. */
    private static final String PLAIN_TEXT = "translate(%s.plain_text, chr(1) || chr(2), '')";

    private static final String HEADLINE_OPTIONS =
            "'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12, MaxFragments=1'";

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final InboxQueries inbox;

    ConversationSearch(JdbcClient jdbc, ConversationAccess access, InboxQueries inbox) {
        this.jdbc = jdbc;
        this.access = access;
        this.inbox = inbox;
    }

    /**
     * The condition on conversation {@code c} that the search adds to the query form: every term found in the
     * conversation (in its subject, company, participants, file names, or one of its messages), no excluded term
     * found. It reads the parameters bound by {@link #bind}.
     *
     * @param rareTerm the term whose conversations {@code search_driver} lists, if any: those contain it, so they are
     *     not tested for it again
     */
    static String condition(SearchQuery query, OptionalInt rareTerm) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < query.terms().size(); i++) {
            if (rareTerm.isPresent() && rareTerm.getAsInt() == i) {
                conditions.add("c.id in (select conversation_id from search_driver)");
                continue;
            }
            String term = tsquery("searchTerm" + i, query.isTyped(i));
            conditions.add("(numnode(" + term + ") = 0 or " + found(term) + ")");
        }
        for (int i = 0; i < query.excluded().size(); i++) {
            conditions.add("not " + found(tsquery("searchExcluded" + i, false)));
        }
        return String.join(" and ", conditions);
    }

    /**
     * The tsquery of a parameter, or of the word being typed as well. {@code to_tsquery(regconfig, text)} is immutable:
     * PostgreSQL computes it once while planning and estimates from its statistics how many messages contain the
     * words, which decides between probing each candidate conversation's messages (common words) and reading the
     * matching messages first (rare words). Hidden in an init plan, the estimate is a blind guess and a common word
     * made it hash every matching message of the firm.
     */
    private static String tsquery(String parameter, boolean orTyping) {
        String stems = "to_tsquery('messages_fr', :" + parameter + ")";
        return orTyping ? "(" + stems + " || to_tsquery('messages_prefix', :searchTyping))" : stems;
    }

    /**
     * Whether the conversation {@code c} contains the words: in its messages, or in its subject, company, participants
     * or file names ({@code conversation_search}). The messages are tested through the words of all of them
     * ({@code conversation_words}, migration V17), one row however long the conversation, and first, since that is
     * where a common word is found; those words have no positions, so a phrase found among them is then looked for in
     * the messages themselves. {@code offset 0} keeps each test a probe of that one conversation: without it PostgreSQL
     * may instead hash every conversation of the firm that contains the words before the walk starts (3 s for a common
     * phrase), betting on a walk that never stops early.
     */
    private static String found(String tsquery) {
        return """
                (exists (select 1 from conversation_words w
                          where w.conversation_id = c.id and w.words @@ tsquery_unordered(%1$s) offset 0)
                   and (%1$s::text !~ '<'
                        or exists (select 1 from message m where m.conversation_id = c.id and m.search @@ %1$s offset 0))
                 or exists (select 1 from conversation_search s where s.conversation_id = c.id and s.document @@ %1$s offset 0))""".formatted(tsquery);
    }

    /**
     * The conversations that contain term {@code index}, read from the full-text indexes by
     * {@code conversations_containing} (migration V16): the driver of a search for a rare word.
     */
    private static String driver(SearchQuery query, int index) {
        return "search_driver as materialized (select conversation_id from conversations_containing("
                + tsquery("searchTerm" + index, query.isTyped(index)) + ") conversation_id)";
    }

    /**
     * The term to read first from the indexes, the rarest one when it is rare; empty when walking the person's
     * conversations is cheaper. A term is rare when PostgreSQL estimates it in at most {@link #MATCHES_FIRST_LIMIT}
     * messages and documents, or when its statistics list none of its words among the frequent ones: they estimate
     * every unlisted word alike (half the frequency of the least frequent listed word, at most 0.5 %), so a term is
     * compared with a word that is in no message, once for each of its alternatives.
     */
    OptionalInt rareTerm(SearchQuery query) {
        long unlisted = estimatedMatches("'" + UNLISTED_WORD + "'");
        int rarest = -1;
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < query.terms().size(); i++) {
            if (query.isTyped(i) && isPrefixOfFrequentWord(query.typing())) {
                continue;
            }
            String term = query.terms().get(i);
            long estimate = estimatedMatches(term);
            long alternatives = term.chars().filter(ch -> ch == '|').count() + 1;
            boolean rare = estimate <= MATCHES_FIRST_LIMIT || estimate <= unlisted * alternatives;
            if (rare && estimate < fewest) {
                fewest = estimate;
                rarest = i;
            }
        }
        return rarest < 0 ? OptionalInt.empty() : OptionalInt.of(rarest);
    }

    /**
     * Whether a word being typed begins a word that the statistics of the messages list among the frequent ones.
     * PostgreSQL estimates every prefix alike (2 % of the messages), so the list itself is read: "autoliq" begins the
     * frequent "autoliquidation" and is not rare, "affacturage" begins no frequent word.
     */
    private boolean isPrefixOfFrequentWord(String typing) {
        return jdbc.sql("""
                        select exists (select 1 from pg_stats s, unnest(s.most_common_elems::text::text[]) word
                                        where s.tablename = 'message' and s.attname = 'search'
                                          and to_tsvector('simple', word) @@ to_tsquery('messages_prefix', :typing))
                        """).param("typing", typing).query(Boolean.class).single();
    }

    /** PostgreSQL's estimate of the messages and documents that contain the words of a {@code to_tsquery} text. */
    private long estimatedMatches(String term) {
        String plan =
                jdbc.sql("""
                        explain select 1 from message m where m.search @@ to_tsquery('messages_fr', :term)
                        union all
                        select 1 from conversation_search s where s.document @@ to_tsquery('messages_fr', :term)
                        """).param("term", term).query(String.class).list().get(0);
        Matcher rows = ESTIMATED_ROWS.matcher(plan);
        return rows.find() ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
    }

    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, SearchQuery query) {
        for (int i = 0; i < query.terms().size(); i++) {
            statement = statement.param("searchTerm" + i, query.terms().get(i));
        }
        for (int i = 0; i < query.excluded().size(); i++) {
            statement = statement.param("searchExcluded" + i, query.excluded().get(i));
        }
        if (query.typing() != null) {
            statement = statement.param("searchTyping", query.typing());
        }
        return statement.param("searchAny", query.terms().isEmpty() ? "" : query.anyTerm());
    }

    /**
     * One page of the conversations the viewer may access that match, best first, among those the filter keeps; each
     * with the escaped text of its best matching message where the words are marked, and how many of its messages
     * match. One SQL statement; a text with nothing to search for gives the inbox.
     */
    public InboxPage search(Viewer viewer, InboxFilter filter, String text, String cursor) {
        Optional<SearchQuery> query = SearchQuery.parse(text);
        return query.isPresent() ? search(viewer, filter, query.get(), cursor) : inbox.inbox(viewer, filter, cursor);
    }

    private InboxPage search(Viewer viewer, InboxFilter filter, SearchQuery query, String cursor) {
        int offset = decode(cursor);
        if (offset >= DEPTH) {
            return new InboxPage(List.of(), null);
        }
        return search(viewer, filter, query, offset, rareTerm(query));
    }

    /** One page of results, walking the person's conversations or read first from the indexes for a rare term. */
    InboxPage search(Viewer viewer, InboxFilter filter, SearchQuery query, int offset, OptionalInt rareTerm) {
        var statement = jdbc.sql(sql(viewer.kind(), filter, query, rareTerm))
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold())
                .param("offset", offset)
                .param("limit", Math.min(PAGE_SIZE + 1, DEPTH - offset));
        statement = filter.bind(bind(statement, query));
        List<InboxPage.Item> rows = statement
                .query((rs, row) -> {
                    UUID messageId = rs.getObject("message_id", UUID.class);
                    return InboxRows.read(
                            rs,
                            messageId == null ? null : marked(rs.getString("highlight")),
                            messageId,
                            rs.getInt("matching"));
                })
                .list();
        if (rows.size() <= PAGE_SIZE) {
            return new InboxPage(rows, null);
        }
        return new InboxPage(List.copyOf(rows.subList(0, PAGE_SIZE)), encode(offset + PAGE_SIZE));
    }

    /**
     * The statement of one page of results: the query form of {@link ConversationAccess} with the filter and the search
     * as its condition, ranked; parameters {@code :viewer}, {@code :favouriteScanThreshold}, {@code :offset},
     * {@code :limit}, those of {@link #bind} and of the filter.
     *
     * @param rareTerm the term whose conversations are read first from the indexes, if any
     */
    static String sql(PersonKind kind, InboxFilter filter, SearchQuery query, OptionalInt rareTerm) {
        String candidates = ConversationAccess.accessibleConversations(
                kind,
                filter.condition() + " and " + condition(query, rareTerm),
                false,
                filter.participantOnly(),
                DEPTH);
        String driver = rareTerm.isPresent() ? driver(query, rareTerm.getAsInt()) + ",\n" : "";
        return "with " + driver + "candidates as (" + candidates + "),\n"
                + """
                        query as materialized (select %s as words),
                        page as (
                          select a.id,
                                 case when numnode(q.words) = 0 then 0
                                      else coalesce((select ts_rank(s.document, q.words) from conversation_search s
                                                      where s.conversation_id = a.id), 0)
                                 end as rank
                            from candidates a
                            cross join query q
                           order by 2 desc, a.last_message_at desc, a.id desc
                          offset :offset limit :limit)
                        select page.rank, hm.id as message_id, coalesce(hm.matching, 0) as matching,
                               case when hm.id is not null
                                    then ts_headline('messages_fr', %s, q.words, %s) end as highlight,
                        """.formatted(
                        tsquery("searchAny", query.typing() != null), PLAIN_TEXT.formatted("hm"), HEADLINE_OPTIONS)
                + InboxRows.COLUMNS + "  from page\n" + InboxRows.JOINS + """
                          cross join query q
                          left join lateral (
                            select m.id, m.plain_text, count(*) over () as matching
                              from message m
                             where m.conversation_id = c.id and numnode(q.words) > 0 and m.search @@ q.words
                             order by ts_rank(m.search, q.words) desc, m.seq
                             limit 1) hm on true
                         order by page.rank desc, c.last_message_at desc, c.id desc
                        """;
    }

    /**
     * The messages of a conversation that contain a searched word, in order, and the words as they are written there,
     * for the conversation page to mark them and scroll to the first. The viewer must have access.
     */
    public Matches matchesIn(Viewer viewer, UUID conversationId, SearchQuery query) {
        access.requireAccessible(viewer, conversationId);
        if (query.terms().isEmpty()) {
            return new Matches(List.of(), List.of());
        }
        var statement = jdbc.sql("""
                        with query as materialized (select %s as words)
                        select m.id, ts_headline('messages_fr', %s, q.words, %s || ', HighlightAll=true') as marked
                          from message m cross join query q
                         where m.conversation_id = :conversation and m.search @@ q.words
                         order by m.seq
                         limit %d
                        """.formatted(
                                tsquery("searchAny", query.typing() != null),
                                PLAIN_TEXT.formatted("m"),
                                HEADLINE_OPTIONS,
                                MARKED_MESSAGES))
                .param("conversation", conversationId);
        List<String[]> rows = bind(statement, query)
                .query((rs, row) -> new String[] {rs.getString("id"), rs.getString("marked")})
                .list();
        List<UUID> messages = new ArrayList<>();
        Set<String> words = new LinkedHashSet<>();
        for (String[] row : rows) {
            messages.add(UUID.fromString(row[0]));
            Matcher matcher = MARKED.matcher(row[1]);
            while (matcher.find()) {
                words.add(matcher.group(1));
            }
        }
        return new Matches(List.copyOf(messages), List.copyOf(words));
    }

    /**
     * Where a search matched in one conversation.
     *
     * @param messageIds the matching messages, in the conversation's order
     * @param words the matched words as written in those messages
     */
    public record Matches(List<UUID> messageIds, List<String> words) {}

    /** Escaped text where the words that {@code ts_headline} marked are in {@code <mark>}: never the stored HTML. */
    static String marked(String headline) {
        if (headline == null) {
            return null;
        }
        String oneLine = headline.replaceAll("\\s+", " ").strip();
        return HtmlUtils.htmlEscape(oneLine, "UTF-8")
                .replace(String.valueOf(MARK_START), "<mark>")
                .replace(String.valueOf(MARK_END), "</mark>");
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("search." + offset).getBytes(StandardCharsets.US_ASCII));
    }

    /** The first page for a missing or malformed cursor. */
    private static int decode(String cursor) {
        if (cursor == null || cursor.isBlank() || cursor.length() > 40) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return raw.startsWith("search.") ? Math.max(0, Integer.parseInt(raw.substring(7))) : 0;
        } catch (RuntimeException malformed) {
            return 0;
        }
    }
}
