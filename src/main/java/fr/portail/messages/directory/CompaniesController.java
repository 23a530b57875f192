package fr.portail.messages.directory;

import fr.portail.messages.platform.SearchPatterns;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** "Mes entreprises": the companies a person may star, with a star to add or remove each favourite. */
@Controller
class CompaniesController {

    private final DirectoryService directory;

    CompaniesController(DirectoryService directory) {
        this.directory = directory;
    }

    @GetMapping("/entreprises")
    String list(
            Viewer viewer,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q,
            Model model) {
        model.addAttribute("companies", directory.pickableCompanies(viewer, q));
        model.addAttribute("q", q);
        return "companies";
    }

    /** Stars or unstars, then shows the row again (htmx) or the whole page. */
    @PostMapping("/entreprises/{companyId}/favori")
    String toggle(
            Viewer viewer,
            @PathVariable UUID companyId,
            @RequestParam boolean favourite,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        if (favourite) {
            directory.star(viewer, companyId);
        } else {
            directory.unstar(viewer, companyId);
        }
        if (htmx == null) {
            return "redirect:/entreprises"
                    + (q.isEmpty()
                            ? ""
                            : "?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        }
        model.addAttribute(
                "company",
                new CompanyChoice(
                        companyId,
                        directory.company(companyId).orElseThrow().externalId(),
                        directory.company(companyId).orElseThrow().name(),
                        favourite));
        model.addAttribute("q", q);
        return "companies :: row";
    }
}
