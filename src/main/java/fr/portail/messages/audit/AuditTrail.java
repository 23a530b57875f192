package fr.portail.messages.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit log, newest first. Callers decide who may read it (administrators): this module knows nothing of
 * people.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the entries matching {@code query}. */
    @Transactional(readOnly = true)
    public Page search(AuditQuery query, int page, int size) {
        var where = where(query);
        var count = jdbc.sql("select count(*) from audit_entry a" + where.sql());
        for (var param : where.params().entrySet()) {
            count = count.param(param.getKey(), param.getValue());
        }
        long total = count.query(Long.class).single();
        var select = jdbc.sql("select a.id, a.at, a.actor_id, a.action, a.target, a.details from audit_entry a"
                        + where.sql() + " order by a.at desc, a.id desc limit :limit offset :offset")
                .param("limit", size)
                .param("offset", (long) Math.max(0, page) * size);
        for (var param : where.params().entrySet()) {
            select = select.param(param.getKey(), param.getValue());
        }
        return new Page(select.query(AuditTrail::entry).list(), Math.max(0, page), size, total);
    }

    /** Every entry matching {@code query}, streamed to {@code sink} without loading them all in memory. */
    @Transactional(readOnly = true)
    public void export(AuditQuery query, Consumer<AuditEntry> sink) {
        var where = where(query);
        var select = jdbc.sql("select a.id, a.at, a.actor_id, a.action, a.target, a.details from audit_entry a"
                        + where.sql() + " order by a.at desc, a.id desc")
                .withFetchSize(500);
        for (var param : where.params().entrySet()) {
            select = select.param(param.getKey(), param.getValue());
        }
        try (Stream<AuditEntry> entries = select.query(AuditTrail::entry).stream()) {
            entries.forEach(sink);
        }
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.personId() != null || query.personEmail() != null) {
            List<String> about = new ArrayList<>();
            if (query.personId() != null) {
                about.add("a.actor_id = :person");
                params.put("person", query.personId());
            }
            if (query.personEmail() != null) {
                about.add("a.target = :email");
                params.put("email", query.personEmail());
            }
            conditions.add("(" + String.join(" or ", about) + ")");
        }
        if (query.targets() != null) {
            if (query.targets().isEmpty()) {
                conditions.add("false");
            } else {
                conditions.add("a.target in (:targets)");
                params.put("targets", query.targets());
            }
        }
        if (query.from() != null) {
            conditions.add("a.at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.until() != null) {
            conditions.add("a.at < :until");
            params.put("until", Timestamp.from(query.until()));
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_id", UUID.class),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("details"));
    }

    /** One page of entries, newest first. */
    public record Page(List<AuditEntry> items, int page, int size, long total) {

        public Page {
            items = List.copyOf(items);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        public int totalPages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }
}
