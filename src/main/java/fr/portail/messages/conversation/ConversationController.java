package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.LocalPaths;
import fr.portail.messages.web.FormFeedback;
import fr.portail.messages.web.FormerPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The conversation page: messages, the reply box, adding participants, marking unread. */
@Controller
class ConversationController {

    private final ConversationCommands commands;
    private final ConversationReader reader;
    private final ConversationSearch search;
    private final AttachmentService attachments;
    private final FormFeedback feedback;
    private final ReadReceipts receipts;
    private final MessageHtml messages;

    ConversationController(
            ConversationCommands commands,
            ConversationReader reader,
            ConversationSearch search,
            AttachmentService attachments,
            FormFeedback feedback,
            ReadReceipts receipts,
            MessageHtml messages) {
        this.commands = commands;
        this.reader = reader;
        this.search = search;
        this.attachments = attachments;
        this.feedback = feedback;
        this.receipts = receipts;
        this.messages = messages;
    }

    /** The conversation; opened from search results ({@code q}), with the matching messages and words to mark. */
    @GetMapping("/conversations/{id}")
    String show(
            Viewer viewer,
            @PathVariable UUID id,
            @RequestParam(required = false) String q,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConversationReader.Page page = reader.openPage(viewer, id);
        ConversationSearch.Matches matches = SearchQuery.parse(q)
                .map(query -> search.matchesIn(viewer, id, query))
                .orElse(null);
        if (matches != null) {
            model.addAttribute("searchMatches", matches);
            model.addAttribute("q", q.strip());
        }
        present(page, matches, viewer, locale, request, response, model);
        return "conversation";
    }

    /** One message, as the page shows it when a live event announces it. */
    @GetMapping("/conversations/{id}/messages/{messageId}")
    String message(Viewer viewer, @PathVariable UUID id, @PathVariable UUID messageId, Model model) {
        model.addAttribute("m", reader.message(viewer, id, messageId));
        model.addAttribute("seenBy", receipts.seenBy(id));
        return "conversation :: message";
    }

    /** The "Vu par" line of every message, refreshed when a live event says someone read the conversation. */
    @GetMapping("/conversations/{id}/vu-par")
    String seenBy(Viewer viewer, @PathVariable UUID id, Model model) {
        model.addAttribute("seenBy", receipts.seenBy(viewer, id));
        return "conversation :: seen-by-all";
    }

    private void open(
            Viewer viewer,
            UUID id,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        present(reader.openPage(viewer, id), null, viewer, locale, request, response, model);
    }

    /** What the page and its thread show: the conversation, who read what, and each message's HTML. */
    private void present(
            ConversationReader.Page page,
            ConversationSearch.Matches matches,
            Viewer viewer,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("conversation", page.conversation());
        model.addAttribute("seenBy", page.seenBy());
        model.addAttribute(
                "messageHtml",
                messages.html(page.conversation(), viewer, page.seenBy(), matches, locale, request, response));
    }

    /**
     * Posts a reply; with htmx, answers the updated message list without reloading the page. A refused reply answers
     * the page (or, with htmx, the message list) again with the reason next to the editor, and the text and files
     * the person had put in it.
     */
    @PostMapping("/conversations/{id}/messages")
    String reply(
            Viewer viewer,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String html,
            @RequestParam(name = "attachmentIds", required = false) List<UUID> attachmentIds,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        List<UUID> files = attachmentIds == null ? List.of() : attachmentIds;
        try {
            commands.reply(viewer, id, html, files);
        } catch (InvalidInputException invalid) {
            feedback.show(model, invalid);
            model.addAttribute("replyHtml", RichText.sanitize(html).html());
            model.addAttribute("replyFiles", attachments.pending(viewer.id(), files));
            open(viewer, id, locale, request, response, model);
            return htmx == null ? "conversation" : "conversation :: thread";
        }
        if (htmx == null) {
            return "redirect:/conversations/" + id + "#reply";
        }
        open(viewer, id, locale, request, response, model);
        model.addAttribute("replySent", true);
        return "conversation :: thread";
    }

    @PostMapping("/conversations/{id}/participants")
    String addParticipants(
            Viewer viewer,
            @PathVariable UUID id,
            @RequestParam(name = "userIds", required = false) List<UUID> userIds,
            RedirectAttributes redirect) {
        feedback.attempt(
                redirect, () -> commands.addParticipants(viewer, id, userIds), "conversation.participantsAdded");
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/non-lu")
    String markUnread(Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "/") String back) {
        commands.markUnread(viewer, id);
        return "redirect:" + LocalPaths.orElse(back, "/");
    }

    @PostMapping("/conversations/{id}/unread")
    ResponseEntity<Void> formerUnreadPath(HttpServletRequest request) {
        return FormerPaths.moved(request, "unread", "non-lu");
    }
}
