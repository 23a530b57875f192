package fr.portail.messages.conversation;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.LocalPaths;
import fr.portail.messages.web.FormerPaths;
import fr.portail.messages.web.HeaderCounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The inbox, home page of the application: its views, search results, and what a person does to its rows. */
@Controller
class InboxController {

    private final ConversationSearch search;
    private final InboxActions actions;
    private final DirectoryService directory;
    private final InboxRowHtml rows;

    InboxController(ConversationSearch search, InboxActions actions, DirectoryService directory, InboxRowHtml rows) {
        this.search = search;
        this.actions = actions;
        this.directory = directory;
        this.rows = rows;
    }

    /** The inbox in one of its views, or search results when {@code q} has something to search for. */
    @GetMapping("/")
    String inbox(
            Viewer viewer,
            @RequestParam(required = false) ConversationType type,
            @RequestParam(required = false) UUID company,
            @RequestParam(defaultValue = "false") boolean participant,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            @ModelAttribute(name = "header", binding = false) HeaderCounts.Header header,
            Model model) {
        boolean searching = SearchQuery.parse(q).isPresent();
        var filter = new InboxFilter(
                type, company, participant, unread, InboxView.parse(view, searching ? InboxView.ALL : InboxView.TODO));
        InboxPage page = search.search(viewer, filter, q, cursor);
        if (page.unreadConversations() != null) {
            header.given(UnreadConversationsBadge.NAME, page.unreadConversations());
        }
        String words = searching ? q.strip() : null;
        model.addAttribute("page", page);
        model.addAttribute("rowHtml", rows.html(page.items(), words, locale, request, response));
        model.addAttribute("filter", filter);
        model.addAttribute("q", words);
        if (htmx != null && cursor != null) {
            return "inbox :: rows";
        }
        model.addAttribute(
                "filterCompany",
                company == null
                        ? null
                        : directory.pickableCompany(viewer, company).orElse(null));
        model.addAttribute("types", ConversationType.values());
        model.addAttribute("views", InboxView.values());
        return "inbox";
    }

    /** One action on the selected rows: one request, one confirmation. */
    @PostMapping("/conversations/selection")
    String bulk(
            Viewer viewer,
            @RequestParam(name = "ids", required = false) List<UUID> ids,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "/") String back,
            RedirectAttributes redirect) {
        try {
            BulkAction chosen = BulkAction.parse(action);
            int count = actions.apply(viewer, ids, chosen);
            redirect.addFlashAttribute("bulkDone", "inbox.bulk.done." + chosen.name());
            redirect.addFlashAttribute("bulkCount", count);
        } catch (InvalidInputException invalid) {
            redirect.addFlashAttribute("bulkError", invalid.problems().get(0).messageKey());
            redirect.addFlashAttribute(
                    "bulkErrorArguments", invalid.problems().get(0).arguments());
        }
        return "redirect:" + LocalPaths.orElse(back, "/");
    }

    /** "Terminé" from a row of the inbox or from the conversation page. */
    @PostMapping("/conversations/{id}/termine")
    String done(Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "/") String back) {
        actions.apply(viewer, id, BulkAction.DONE);
        return "redirect:" + LocalPaths.orElse(back, "/");
    }

    /** Back to "À traiter". */
    @PostMapping("/conversations/{id}/a-traiter")
    String todo(Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "/") String back) {
        actions.apply(viewer, id, BulkAction.TODO);
        return "redirect:" + LocalPaths.orElse(back, "/");
    }

    @PostMapping("/conversations/{id}/done")
    ResponseEntity<Void> formerDonePath(HttpServletRequest request) {
        return FormerPaths.moved(request, "done", "termine");
    }

    @PostMapping("/conversations/{id}/todo")
    ResponseEntity<Void> formerTodoPath(HttpServletRequest request) {
        return FormerPaths.moved(request, "todo", "a-traiter");
    }
}
