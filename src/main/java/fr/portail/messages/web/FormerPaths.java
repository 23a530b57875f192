package fr.portail.messages.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Page addresses that were renamed (page paths are French, docs/glossary.md): the former address answers a 308, which
 * keeps the method and the body, so a page opened before the change, or a bookmark, still works.
 */
public final class FormerPaths {

    private FormerPaths() {}

    /**
     * Redirects to the request's own path, query string included, with each former word replaced by the new word that
     * follows it (whole path segments): {@code moved(request, "tokens", "jetons", "revoke", "revoquer")}.
     */
    public static ResponseEntity<Void> moved(HttpServletRequest request, String... formerThenNewWords) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String moved = path + "/";
        for (int i = 0; i + 1 < formerThenNewWords.length; i += 2) {
            moved = moved.replace("/" + formerThenNewWords[i] + "/", "/" + formerThenNewWords[i + 1] + "/");
        }
        String target = request.getContextPath()
                + moved.substring(0, moved.length() - 1)
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
                .location(URI.create(target))
                .build();
    }
}
