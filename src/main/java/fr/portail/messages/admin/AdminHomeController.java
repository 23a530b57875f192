package fr.portail.messages.admin;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration home: one entry per administration page. */
@Controller
class AdminHomeController {

    @GetMapping({"/admin", "/admin/"})
    String home(Viewer viewer) {
        if (!viewer.admin()) {
            throw new NotFoundException();
        }
        return "admin/home";
    }
}
