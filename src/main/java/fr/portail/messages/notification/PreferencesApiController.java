package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's e-mail preferences in JSON: the same service as the profile page. */
@RestController
@RequestMapping("/api/v1/me/preferences")
class PreferencesApiController {

    private final EmailPreferences preferences;

    PreferencesApiController(EmailPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    EmailPreferences.Preference show(Viewer viewer) {
        return preferences.of(viewer);
    }

    /** {@code {"emailMode": "GROUPED", "dailyHour": 8, "timeZone": "Europe/Paris"}}; hour and zone may be left out. */
    @PutMapping
    EmailPreferences.Preference change(Viewer viewer, @RequestBody PreferenceChange change) {
        return preferences.change(viewer, change.emailMode(), change.dailyHour(), change.timeZone());
    }

    record PreferenceChange(String emailMode, Integer dailyHour, String timeZone) {}
}
