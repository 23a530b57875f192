package fr.portail.messages.admin;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.firm.FirmIdentityService;
import fr.portail.messages.firm.FirmSettings;
import fr.portail.messages.firm.SecondFactorRule;
import fr.portail.messages.firm.SecondFactorSetting;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.web.FormFeedback;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The firm's identity (name, brand colour, contact e-mail, legal footer, logo) and its rule for two-step sign-in. */
@Controller
class AdminFirmController {

    private final FirmIdentityService identities;
    private final FormFeedback feedback;
    private final SecondFactorSetting secondFactor;

    AdminFirmController(FirmIdentityService identities, FormFeedback feedback, SecondFactorSetting secondFactor) {
        this.identities = identities;
        this.feedback = feedback;
        this.secondFactor = secondFactor;
    }

    /** The fields of the identity form. */
    record IdentityForm(String name, String brandColour, String contactEmail, String legalFooter) {}

    @GetMapping("/admin/cabinet")
    String show(Viewer viewer, Model model) {
        requireAdministrator(viewer);
        var current = FirmSettings.of(identities.current());
        var form =
                new IdentityForm(current.name(), current.brandColour(), current.contactEmail(), current.legalFooter());
        return render(form, new BeanPropertyBindingResult(form, "identity"), model);
    }

    /** Saves the identity; a refused value is shown next to its field, with what was typed. */
    @PostMapping("/admin/cabinet")
    String save(
            Viewer viewer,
            @ModelAttribute("identity") IdentityForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        requireAdministrator(viewer);
        try {
            identities.update(
                    viewer.id(),
                    new FirmSettings(form.name(), form.brandColour(), form.contactEmail(), form.legalFooter()));
        } catch (InvalidInputException invalid) {
            FormFeedback.reject(errors, invalid);
            return render(form, errors, model);
        }
        feedback.notice(redirect, "admin.firm.saved");
        return "redirect:/admin/cabinet";
    }

    @PostMapping("/admin/cabinet/logo")
    String uploadLogo(
            Viewer viewer,
            @RequestParam(name = "logo", required = false) MultipartFile logo,
            RedirectAttributes redirect) {
        requireAdministrator(viewer);
        feedback.attempt(
                redirect,
                () -> {
                    if (logo == null || logo.isEmpty()) {
                        throw new InvalidInputException("logo", "firm.logo.error.empty");
                    }
                    try (InputStream upload = logo.getInputStream()) {
                        identities.replaceLogo(viewer.id(), upload);
                    } catch (IOException unreadable) {
                        throw new InvalidInputException("logo", "firm.logo.error.unreadable");
                    }
                },
                "admin.firm.logoSaved");
        return "redirect:/admin/cabinet";
    }

    @PostMapping("/admin/cabinet/logo/retirer")
    String removeLogo(Viewer viewer, RedirectAttributes redirect) {
        requireAdministrator(viewer);
        identities.removeLogo(viewer.id());
        feedback.notice(redirect, "admin.firm.logoRemoved");
        return "redirect:/admin/cabinet";
    }

    /** Who must give a second factor after the password; read-only when the property fixes it. */
    @PostMapping("/admin/cabinet/connexion")
    String changeSecondFactor(
            Viewer viewer,
            @RequestParam(name = "secondFactor", required = false) String rule,
            RedirectAttributes redirect) {
        requireAdministrator(viewer);
        feedback.attempt(redirect, () -> secondFactor.change(viewer.id(), rule), "admin.secondFactor.saved");
        return "redirect:/admin/cabinet#second-factor";
    }

    private String render(IdentityForm form, BindingResult errors, Model model) {
        model.addAttribute("secondFactor", secondFactor.current());
        model.addAttribute("secondFactorFixed", secondFactor.fixedByProperty());
        model.addAttribute("secondFactorRules", SecondFactorRule.values());
        model.addAttribute("identity", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "identity", errors);
        model.addAttribute("maxLogoKilobytes", FirmIdentityService.MAX_LOGO_BYTES / 1024);
        return "admin/firm";
    }

    private static void requireAdministrator(Viewer viewer) {
        if (!viewer.admin()) {
            throw new NotFoundException();
        }
    }
}
