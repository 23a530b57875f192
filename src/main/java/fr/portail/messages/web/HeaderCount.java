package fr.portail.messages.web;

import fr.portail.messages.directory.Viewer;

/**
 * A count shown in the header of every page, contributed by the module that owns it (the unread conversations, the
 * notification bell). The layout reads them through {@link HeaderCounts}, never by calling the module's services.
 */
public interface HeaderCount {

    /** The name the layout asks for, e.g. {@code header.badge('notifications')}. */
    String name();

    /** The count for this person; implementations may stop counting at {@link #cap()}. */
    int count(Viewer viewer);

    /** The count at which the badge shows "99+" style; the real number may be higher. */
    int cap();
}
