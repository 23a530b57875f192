package fr.portail.messages.admin;

import fr.portail.messages.directory.AdministrationLookups;
import fr.portail.messages.directory.IssuedInvitation;
import fr.portail.messages.directory.MembershipAdministration;
import fr.portail.messages.directory.NewPerson;
import fr.portail.messages.directory.PasswordResets;
import fr.portail.messages.directory.PeopleFilter;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.SearchPatterns;
import fr.portail.messages.security.Passkeys;
import fr.portail.messages.web.FormFeedback;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * People: lists, invitations, deactivation, the administrator flag, and a person's companies and favourites.
 */
@Controller
class AdminUsersController {

    static final String INVITATION = "invitation";

    private final PersonAdministration administration;
    private final MembershipAdministration memberships;
    private final AdministrationLookups lookups;
    private final FormFeedback feedback;
    private final PasswordResets resets;

    private final Passkeys passkeys;

    AdminUsersController(
            PersonAdministration administration,
            MembershipAdministration memberships,
            AdministrationLookups lookups,
            FormFeedback feedback,
            PasswordResets resets,
            Passkeys passkeys) {
        this.passkeys = passkeys;
        this.administration = administration;
        this.memberships = memberships;
        this.lookups = lookups;
        this.feedback = feedback;
        this.resets = resets;
    }

    /** The invitation form; {@code admin} is deliberately absent: the flag is granted afterwards, on purpose. */
    record InviteForm(String email, String name, PersonKind kind, List<UUID> companyIds) {}

    /** Companies chosen in a picker. */
    record CompaniesForm(List<UUID> companyIds) {}

    /** A link just issued, shown once to copy (flash attributes are serialised into the session). */
    record ShownInvitation(String email, String url, Instant expiresAt) implements Serializable {
        static ShownInvitation of(IssuedInvitation issued) {
            return new ShownInvitation(issued.email(), issued.url(), issued.expiresAt());
        }
    }

    @GetMapping("/admin/utilisateurs")
    String list(
            Viewer viewer,
            @RequestParam(defaultValue = "ALL") PeopleFilter filter,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("people", administration.people(viewer, filter, q, page));
        model.addAttribute("filter", filter);
        model.addAttribute("filters", PeopleFilter.values());
        model.addAttribute("q", q);
        return "admin/users";
    }

    @GetMapping("/admin/utilisateurs/inviter")
    String inviteForm(Viewer viewer, @RequestParam(defaultValue = "CLIENT") PersonKind kind, Model model) {
        var form = new InviteForm("", "", kind, List.of());
        return renderInvite(viewer, form, new BeanPropertyBindingResult(form, "invite"), model);
    }

    @PostMapping("/admin/utilisateurs")
    String invite(
            Viewer viewer,
            @ModelAttribute("invite") InviteForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            // A field that could not be bound (refused text, unknown kind): no form may have been built.
            return renderInvite(
                    viewer, form == null ? new InviteForm("", "", PersonKind.CLIENT, List.of()) : form, errors, model);
        }
        try {
            IssuedInvitation issued = administration.invite(
                    viewer, new NewPerson(form.email(), form.name(), form.kind(), form.companyIds()));
            redirect.addFlashAttribute(INVITATION, ShownInvitation.of(issued));
            feedback.notice(redirect, "admin.user.invited", issued.email());
            return "redirect:/admin/utilisateurs/" + issued.personId();
        } catch (InvalidInputException invalid) {
            FormFeedback.reject(errors, invalid);
            return renderInvite(viewer, form, errors, model);
        }
    }

    private String renderInvite(Viewer viewer, InviteForm form, BindingResult errors, Model model) {
        model.addAttribute("invite", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "invite", errors);
        model.addAttribute("kinds", PersonKind.values());
        List<UUID> chosen = form.companyIds() == null ? List.of() : form.companyIds();
        model.addAttribute(
                "chosenCompanies",
                chosen.stream()
                        .distinct()
                        .limit(50)
                        .map(id -> lookups.findCompany(viewer, id).orElse(null))
                        .filter(java.util.Objects::nonNull)
                        .toList());
        return "admin/invite";
    }

    @GetMapping("/admin/utilisateurs/{personId}")
    String show(Viewer viewer, @PathVariable UUID personId, Model model) {
        var detail = administration.person(viewer, personId);
        model.addAttribute("detail", detail);
        model.addAttribute(
                "passkeyCount", passkeys.ofEmail(detail.person().email()).size());
        return "admin/user";
    }

    @PostMapping("/admin/utilisateurs/{personId}/invitation")
    String resend(Viewer viewer, @PathVariable UUID personId, RedirectAttributes redirect) {
        try {
            IssuedInvitation issued = administration.resendInvitation(viewer, personId);
            redirect.addFlashAttribute(INVITATION, ShownInvitation.of(issued));
            feedback.notice(redirect, "admin.user.invitationResent", issued.email());
        } catch (InvalidInputException invalid) {
            feedback.errors(redirect, invalid);
        }
        return back(personId);
    }

    /** A lost or stolen device: every passkey of the person goes (audited); the e-mail code remains. */
    @PostMapping("/admin/utilisateurs/{personId}/cles/supprimer")
    String removePasskeys(Viewer viewer, @PathVariable UUID personId, RedirectAttributes redirect) {
        var detail = administration.person(viewer, personId);
        int removed = passkeys.removeAll(viewer.id(), personId);
        feedback.notice(
                redirect, "admin.user.passkeysRemoved", removed, detail.person().name());
        return back(personId);
    }

    /** For a person who has a password: the reset e-mail goes to them; the administrator sees no link. */
    @PostMapping("/admin/utilisateurs/{personId}/reinitialisation")
    String sendReset(Viewer viewer, @PathVariable UUID personId, RedirectAttributes redirect) {
        try {
            String email = resets.sendOnBehalf(viewer, personId);
            feedback.notice(redirect, "admin.user.resetSent", email);
        } catch (InvalidInputException invalid) {
            feedback.errors(redirect, invalid);
        }
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/invitation/revoquer")
    String revoke(Viewer viewer, @PathVariable UUID personId, RedirectAttributes redirect) {
        feedback.attempt(
                redirect, () -> administration.revokeInvitation(viewer, personId), "admin.user.invitationRevoked");
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/desactiver")
    String deactivate(Viewer viewer, @PathVariable UUID personId, RedirectAttributes redirect) {
        feedback.attempt(redirect, () -> administration.deactivate(viewer, personId), "admin.user.deactivated");
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/reactiver")
    String activate(Viewer viewer, @PathVariable UUID personId, RedirectAttributes redirect) {
        administration.activate(viewer, personId);
        feedback.notice(redirect, "admin.user.activated");
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/administrateur")
    String changeAdministrator(
            Viewer viewer, @PathVariable UUID personId, @RequestParam boolean admin, RedirectAttributes redirect) {
        boolean changed = feedback.attempt(
                redirect,
                () -> administration.changeAdministrator(viewer, personId, admin),
                admin ? "admin.user.adminGranted" : "admin.user.adminRevoked");
        if (!changed) {
            return back(personId);
        }
        // An administrator who removed their own flag may no longer see the administration pages.
        return !admin && personId.equals(viewer.id()) ? "redirect:/" : back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/entreprises")
    String addCompanies(Viewer viewer, @PathVariable UUID personId, CompaniesForm form, RedirectAttributes redirect) {
        feedback.attempt(
                redirect,
                () -> memberships.addCompanies(viewer, personId, form.companyIds()),
                "admin.membership.added");
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/entreprises/{companyId}/retirer")
    String removeCompany(
            Viewer viewer, @PathVariable UUID personId, @PathVariable UUID companyId, RedirectAttributes redirect) {
        memberships.removeMembership(viewer, personId, companyId);
        feedback.notice(redirect, "admin.membership.removed");
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/favoris")
    String addFavourites(Viewer viewer, @PathVariable UUID personId, CompaniesForm form, RedirectAttributes redirect) {
        // The page has a companies form too: every problem of this one shows next to its own field.
        feedback.attempt(
                redirect,
                field -> "favouriteIds",
                () -> memberships.addFavourites(viewer, personId, form.companyIds()),
                "admin.favourite.assigned");
        return back(personId);
    }

    @PostMapping("/admin/utilisateurs/{personId}/favoris/{companyId}/retirer")
    String removeFavourite(
            Viewer viewer, @PathVariable UUID personId, @PathVariable UUID companyId, RedirectAttributes redirect) {
        memberships.removeFavourite(viewer, personId, companyId);
        feedback.notice(redirect, "admin.favourite.removed");
        return back(personId);
    }

    private static String back(UUID personId) {
        return "redirect:/admin/utilisateurs/" + personId;
    }
}
