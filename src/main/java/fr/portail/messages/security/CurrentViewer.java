package fr.portail.messages.security;

import fr.portail.messages.directory.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Where the acting person of a request is kept once resolved from the session or the access token. */
public final class CurrentViewer {

    static final String ATTRIBUTE = CurrentViewer.class.getName();

    private CurrentViewer() {}

    /** The active person making this request, if any. */
    public static Optional<Viewer> of(HttpServletRequest request) {
        return Optional.ofNullable((Viewer) request.getAttribute(ATTRIBUTE));
    }

    static void set(HttpServletRequest request, Viewer viewer) {
        request.setAttribute(ATTRIBUTE, viewer);
    }
}
