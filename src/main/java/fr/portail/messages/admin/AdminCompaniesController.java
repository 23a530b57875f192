package fr.portail.messages.admin;

import fr.portail.messages.directory.CompanyAdministration;
import fr.portail.messages.directory.MembershipAdministration;
import fr.portail.messages.directory.PeopleFilter;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.SearchPatterns;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Companies: list, create, rename; a company's clients and the collaborators who starred it. */
@Controller
class AdminCompaniesController {

    private final CompanyAdministration administration;
    private final MembershipAdministration memberships;
    private final PersonAdministration people;
    private final Feedback feedback;

    AdminCompaniesController(
            CompanyAdministration administration,
            MembershipAdministration memberships,
            PersonAdministration people,
            Feedback feedback) {
        this.administration = administration;
        this.memberships = memberships;
        this.people = people;
        this.feedback = feedback;
    }

    /** The fields of the new-company form. */
    record CompanyForm(String externalId, String name) {}

    /** The field of the rename form. */
    record RenameForm(String name) {}

    /** People chosen in a picker. */
    record PeopleForm(List<UUID> personIds) {}

    @GetMapping("/admin/entreprises")
    String list(
            Viewer viewer,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var form = new CompanyForm("", "");
        return render(viewer, q, page, form, new BeanPropertyBindingResult(form, "company"), model);
    }

    @PostMapping("/admin/entreprises")
    String create(
            Viewer viewer,
            @ModelAttribute("company") CompanyForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            // A field that could not be bound (refused text): no form was built, the errors say why.
            return render(viewer, "", 0, new CompanyForm("", ""), errors, model);
        }
        try {
            UUID id = administration.createCompany(viewer, form.externalId(), form.name());
            feedback.notice(redirect, "admin.company.created", form.name().strip());
            return "redirect:/admin/entreprises/" + id;
        } catch (InvalidInputException invalid) {
            Feedback.reject(errors, invalid);
            return render(viewer, "", 0, form, errors, model);
        }
    }

    private String render(Viewer viewer, String q, int page, CompanyForm form, BindingResult errors, Model model) {
        model.addAttribute("companies", administration.companies(viewer, q, page));
        model.addAttribute("q", q);
        model.addAttribute("company", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "company", errors);
        return "admin/companies";
    }

    @GetMapping("/admin/entreprises/{companyId}")
    String show(Viewer viewer, @PathVariable UUID companyId, Model model) {
        model.addAttribute("detail", administration.company(viewer, companyId));
        return "admin/company";
    }

    @PostMapping("/admin/entreprises/{companyId}/nom")
    String rename(Viewer viewer, @PathVariable UUID companyId, RenameForm form, RedirectAttributes redirect) {
        feedback.attempt(
                redirect, () -> administration.renameCompany(viewer, companyId, form.name()), "admin.company.renamed");
        return "redirect:/admin/entreprises/" + companyId;
    }

    @PostMapping("/admin/entreprises/{companyId}/membres")
    String addMembers(Viewer viewer, @PathVariable UUID companyId, PeopleForm form, RedirectAttributes redirect) {
        feedback.attempt(
                redirect,
                prefixed("members."),
                () -> memberships.addMembers(viewer, companyId, form.personIds()),
                "admin.membership.added");
        return "redirect:/admin/entreprises/" + companyId;
    }

    @PostMapping("/admin/entreprises/{companyId}/membres/{personId}/retirer")
    String removeMember(
            Viewer viewer, @PathVariable UUID companyId, @PathVariable UUID personId, RedirectAttributes redirect) {
        memberships.removeMembership(viewer, personId, companyId);
        feedback.notice(redirect, "admin.membership.removed");
        return "redirect:/admin/entreprises/" + companyId;
    }

    @PostMapping("/admin/entreprises/{companyId}/favoris")
    String assignFavourite(Viewer viewer, @PathVariable UUID companyId, PeopleForm form, RedirectAttributes redirect) {
        feedback.attempt(
                redirect,
                prefixed("favourites."),
                () -> memberships.assignFavourite(viewer, companyId, form.personIds()),
                "admin.favourite.assigned");
        return "redirect:/admin/entreprises/" + companyId;
    }

    @PostMapping("/admin/entreprises/{companyId}/favoris/{personId}/retirer")
    String removeFavourite(
            Viewer viewer, @PathVariable UUID companyId, @PathVariable UUID personId, RedirectAttributes redirect) {
        memberships.removeFavourite(viewer, personId, companyId);
        feedback.notice(redirect, "admin.favourite.removed");
        return "redirect:/admin/entreprises/" + companyId;
    }

    /** The company picker of the administration pages: every company. */
    @GetMapping(value = "/admin/entreprises/choix", produces = "application/json")
    @ResponseBody
    List<Choice> companyChoices(
            Viewer viewer, @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q) {
        return administration.companies(viewer, q, 0).items().stream()
                .map(c -> new Choice(c.id(), c.name(), c.externalId()))
                .toList();
    }

    /** The person picker of the administration pages, limited to one list (clients, collaborators, …). */
    @GetMapping(value = "/admin/utilisateurs/choix", produces = "application/json")
    @ResponseBody
    List<Choice> personChoices(
            Viewer viewer,
            @RequestParam(defaultValue = "ALL") PeopleFilter filter,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q) {
        return people.people(viewer, filter, q, 0).items().stream()
                .map(p -> new Choice(p.id(), p.name(), p.email()))
                .toList();
    }

    /** One option of a picker. */
    record Choice(UUID id, String name, String detail) {}

    /** Two forms on one page: their errors are told apart by a prefix. */
    private static UnaryOperator<String> prefixed(String prefix) {
        return field -> field.isEmpty() ? "" : prefix + field;
    }
}
