package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.EmbeddedMailServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "E-mails" for administrators ({@code /admin/**} is theirs in the security chain): the firm's e-mail setting, the
 * e-mails the embedded mail server caught in the default run (headers decoded), with their links, and the
 * notifications that could not be delivered.
 */
@Controller
class AdminEmailsController {

    private static final int SHOWN = 200;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final ObjectProvider<EmbeddedMailServer> embeddedMailServer;
    private final NotificationService notifications;
    private final NotificationSettings settings;

    AdminEmailsController(
            ObjectProvider<EmbeddedMailServer> embeddedMailServer,
            NotificationService notifications,
            NotificationSettings settings) {
        this.embeddedMailServer = embeddedMailServer;
        this.notifications = notifications;
        this.settings = settings;
    }

    /** The firm's e-mail setting: the switch sends {@code hide=true} when on and nothing when off. */
    @PostMapping("/admin/emails/settings")
    String changeSettings(
            Viewer viewer, @RequestParam(defaultValue = "false") boolean hide, RedirectAttributes redirect) {
        settings.changeHideConfidentialSubjects(viewer, hide);
        redirect.addFlashAttribute("settingsSaved", true);
        return "redirect:/admin/emails#settings";
    }

    @GetMapping("/admin/emails")
    String show(Model model) {
        EmbeddedMailServer server = embeddedMailServer.getIfAvailable();
        model.addAttribute("embedded", server != null);
        model.addAttribute(
                "caught",
                server == null
                        ? List.of()
                        : server.receivedEmails().stream()
                                .limit(SHOWN)
                                .map(AdminEmailsController::withLinks)
                                .toList());
        model.addAttribute("failed", notifications.failedEmails(SHOWN));
        model.addAttribute("pending", notifications.pendingEmails());
        model.addAttribute("hideConfidentialSubjects", settings.hideConfidentialSubjects());
        return "admin/emails";
    }

    private static CaughtEmailView withLinks(EmbeddedMailServer.CaughtEmail email) {
        Matcher links = LINK.matcher(email.text());
        return new CaughtEmailView(
                email,
                links.results()
                        .map(java.util.regex.MatchResult::group)
                        .distinct()
                        .toList());
    }

    record CaughtEmailView(EmbeddedMailServer.CaughtEmail email, List<String> links) {}
}
