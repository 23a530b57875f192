package fr.portail.messages.notification;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.web.FormFeedback;
import fr.portail.messages.web.FormerPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The profile page: who I am, e-mail notifications on or off, and my personal access tokens for the API. */
@Controller
class ProfileController {

    private final DirectoryService directory;
    private final AccessTokens tokens;
    private final EmailPreferences preferences;
    private final FormFeedback feedback;

    ProfileController(
            DirectoryService directory, AccessTokens tokens, EmailPreferences preferences, FormFeedback feedback) {
        this.directory = directory;
        this.tokens = tokens;
        this.preferences = preferences;
        this.feedback = feedback;
    }

    @GetMapping("/profil")
    String show(Viewer viewer, Model model) {
        model.addAttribute("profile", directory.profile(viewer));
        model.addAttribute("tokens", tokens.list(viewer));
        if (!model.containsAttribute("preference")) {
            model.addAttribute("preference", preferences.of(viewer));
        }
        model.addAttribute("zones", preferences.zoneChoices());
        return "profile";
    }

    /** The e-mail mode, with the hour and time zone of the daily e-mail; errors are shown next to their field. */
    @PostMapping("/profil/notifications")
    String changeEmailMode(
            Viewer viewer,
            @RequestParam(required = false) String emailMode,
            @RequestParam(required = false) String dailyHour,
            @RequestParam(required = false) String timeZone,
            Model model,
            RedirectAttributes redirect) {
        try {
            preferences.change(viewer, emailMode, parseHour(dailyHour), timeZone);
        } catch (InvalidInputException invalid) {
            model.addAttribute("preferenceErrors", invalid.problems());
            Integer hour = parseHour(dailyHour);
            model.addAttribute(
                    "preference",
                    new EmailPreferences.Preference(
                            emailMode == null ? null : safeMode(emailMode), hour == null ? 8 : hour, timeZone));
            return show(viewer, model);
        }
        redirect.addFlashAttribute("notificationsSaved", true);
        return "redirect:/profil#notifications";
    }

    private static Integer parseHour(String hour) {
        try {
            return hour == null || hour.isBlank() ? null : Integer.valueOf(hour.strip());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static EmailMode safeMode(String mode) {
        try {
            return EmailMode.valueOf(mode);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * Creates a token and answers the profile page showing its value, this once. Not a redirect: the value would have
     * to wait for the next request in the session, which Spring Session writes to the database.
     */
    @PostMapping("/profil/jetons")
    String createToken(
            Viewer viewer,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "write") String scope,
            @RequestParam(defaultValue = "90") int validityDays,
            Model model,
            RedirectAttributes redirect) {
        try {
            model.addAttribute("createdToken", tokens.create(viewer, name, scope, validityDays));
        } catch (InvalidInputException invalid) {
            feedback.errors(redirect, invalid);
            redirect.addFlashAttribute("tokenName", name);
            return "redirect:/profil#tokens";
        }
        return show(viewer, model);
    }

    /** The former addresses of the token forms, which mixed French and English. */
    @PostMapping({"/profil/tokens", "/profil/tokens/{id}/revoke"})
    ResponseEntity<Void> formerTokenPaths(HttpServletRequest request) {
        return FormerPaths.moved(request, "tokens", "jetons", "revoke", "revoquer");
    }

    @PostMapping("/profil/jetons/{id}/revoquer")
    String revokeToken(Viewer viewer, @PathVariable UUID id, RedirectAttributes redirect) {
        tokens.revoke(viewer, id);
        redirect.addFlashAttribute("tokenRevoked", true);
        return "redirect:/profil#tokens";
    }
}
