package fr.portail.messages.web;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.security.CurrentViewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: the signed-in person, the header's badges and the current path (for the
 * language switch).
 */
@ControllerAdvice
class LayoutAdvice {

    private final HeaderCounts headerCounts;

    LayoutAdvice(HeaderCounts headerCounts) {
        this.headerCounts = headerCounts;
    }

    /** The header's badges, counted only when the page shows them (after the controller). */
    @ModelAttribute("header")
    HeaderCounts.Header header(HttpServletRequest request) {
        return CurrentViewer.of(request).map(headerCounts::of).orElse(null);
    }

    @ModelAttribute("viewer")
    Viewer viewer(HttpServletRequest request) {
        return CurrentViewer.of(request).orElse(null);
    }

    /** The largest attachment, so that browsers refuse bigger files before uploading them. */
    @ModelAttribute("maxAttachmentBytes")
    long maxAttachmentBytes() {
        return AttachmentService.MAX_FILE_BYTES;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
