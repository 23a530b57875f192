package fr.portail.messages.security;

import fr.portail.messages.directory.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's passkeys, from the profile page: the list, and removal. Adding one is Spring Security's WebAuthn
 * registration ({@code /webauthn/register/options}, then {@code /webauthn/register}), driven by {@code passkeys.js}.
 */
@Controller
class PasskeyController {

    static final String PATH = "/profil/cles";

    private final Passkeys passkeys;
    private final SecondStep secondStep;

    PasskeyController(Passkeys passkeys, SecondStep secondStep) {
        this.passkeys = passkeys;
        this.secondStep = secondStep;
    }

    @GetMapping(PATH)
    String show(Viewer viewer, Model model) {
        model.addAttribute("passkeys", passkeys.list(viewer));
        model.addAttribute("secondStepRequired", secondStep.required(viewer));
        return "passkeys";
    }

    @PostMapping(PATH + "/{id}/supprimer")
    String remove(Viewer viewer, @PathVariable String id, RedirectAttributes redirect) {
        if (passkeys.remove(viewer, id)) {
            redirect.addFlashAttribute("passkeyRemoved", true);
        }
        return "redirect:" + PATH;
    }
}
