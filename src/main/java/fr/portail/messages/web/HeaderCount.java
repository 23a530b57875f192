package fr.portail.messages.web;

import fr.portail.messages.directory.Viewer;
import java.util.Map;

/**
 * A count shown in the header of every page, contributed by the module that owns it (the unread conversations, the
 * notification bell). The layout reads them through {@link HeaderCounts}, which runs every count of a page in one SQL
 * statement; the layout never calls the module's services.
 */
public interface HeaderCount {

    /** The name the layout asks for, e.g. {@code header.badge('notifications')}. */
    String name();

    /**
     * The count for this person as one scalar SQL expression (a parenthesised select) with named parameters:
     * {@code :viewer} is the person's id, the others are given with it. Implementations may stop counting at
     * {@link #cap()}.
     */
    Query query(Viewer viewer);

    /** The count at which the badge shows "99+" style; the real number may be higher. */
    int cap();

    /**
     * A count's SQL and its parameters besides {@code :viewer}; a parameter shared by two counts must have the same
     * value in both.
     */
    record Query(String sql, Map<String, Object> parameters) {}
}
