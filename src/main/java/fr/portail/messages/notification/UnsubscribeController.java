package fr.portail.messages.notification;

import fr.portail.messages.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The one-click mute of notification e-mails (RFC 8058), without signing in. A POST mutes; a GET only shows the
 * button, because mail scanners open links on their own. A token that is not one of ours is "not found".
 */
@Controller
class UnsubscribeController {

    private final MailTokens tokens;
    private final NotificationService notifications;

    UnsubscribeController(MailTokens tokens, NotificationService notifications) {
        this.tokens = tokens;
        this.notifications = notifications;
    }

    @GetMapping("/unsubscribe/{token}")
    String confirm(@PathVariable String token, Model model) {
        var request = tokens.open(token).orElseThrow(NotFoundException::new);
        model.addAttribute("token", token);
        model.addAttribute("digest", request.stopDigest());
        model.addAttribute("done", false);
        return "unsubscribe";
    }

    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, Model model) {
        var request = tokens.open(token).orElseThrow(NotFoundException::new);
        notifications.unsubscribe(request);
        model.addAttribute("digest", request.stopDigest());
        model.addAttribute("done", true);
        return "unsubscribe";
    }
}
