package fr.portail.messages.conversation;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The inbox, home page of the application. */
@Controller
class InboxController {

    private final InboxQueries inbox;
    private final DirectoryService directory;

    InboxController(InboxQueries inbox, DirectoryService directory) {
        this.inbox = inbox;
        this.directory = directory;
    }

    @GetMapping("/")
    String inbox(
            Viewer viewer,
            @RequestParam(required = false) ConversationType type,
            @RequestParam(required = false) UUID company,
            @RequestParam(defaultValue = "false") boolean participant,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(required = false) String cursor,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        var filter = new InboxFilter(type, company, participant, unread);
        model.addAttribute("page", inbox.inbox(viewer, filter, cursor));
        model.addAttribute("filter", filter);
        if (htmx != null && cursor != null) {
            return "inbox :: rows";
        }
        model.addAttribute(
                "filterCompany",
                company == null
                        ? null
                        : directory.pickableCompany(viewer, company).orElse(null));
        model.addAttribute("types", ConversationType.values());
        return "inbox";
    }
}
