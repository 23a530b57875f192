package fr.portail.messages.web;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.platform.LocalPaths;
import fr.portail.messages.security.CurrentViewer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The language switch of the header; the choice also decides the language of the person's e-mails. */
@Controller
class LanguageController {

    private final LocaleResolver locales;
    private final DirectoryService directory;

    LanguageController(LocaleResolver locales, DirectoryService directory) {
        this.locales = locales;
        this.directory = directory;
    }

    @PostMapping("/langue")
    String change(
            @RequestParam String lang,
            @RequestParam(defaultValue = "/") String back,
            HttpServletRequest request,
            HttpServletResponse response) {
        Locale locale = LanguageConfiguration.SUPPORTED.stream()
                .filter(candidate -> candidate.getLanguage().equals(lang))
                .findFirst()
                .orElse(Locale.FRENCH);
        locales.setLocale(request, response, locale);
        CurrentViewer.of(request).ifPresent(viewer -> directory.changeLanguage(viewer, locale.getLanguage()));
        return "redirect:" + LocalPaths.orElse(back, "/");
    }

    @PostMapping("/language")
    ResponseEntity<Void> formerPath(HttpServletRequest request) {
        return FormerPaths.moved(request, "language", "langue");
    }
}
