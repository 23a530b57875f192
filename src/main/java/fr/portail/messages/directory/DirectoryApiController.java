package fr.portail.messages.directory;

import fr.portail.messages.platform.SearchPatterns;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The directory calls of the JSON API (SPEC §8). */
@RestController
@RequestMapping("/api/v1")
class DirectoryApiController {

    private final DirectoryService directory;
    private final DirectoryImporter importer;
    private final PersonAdministration administration;

    DirectoryApiController(
            DirectoryService directory, DirectoryImporter importer, PersonAdministration administration) {
        this.directory = directory;
        this.importer = importer;
        this.administration = administration;
    }

    @GetMapping("/me")
    Profile me(Viewer viewer) {
        return directory.profile(viewer);
    }

    @PutMapping("/me/favourites/{companyId}")
    ResponseEntity<Void> star(Viewer viewer, @PathVariable UUID companyId) {
        directory.star(viewer, companyId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/me/favourites/{companyId}")
    ResponseEntity<Void> unstar(Viewer viewer, @PathVariable UUID companyId) {
        directory.unstar(viewer, companyId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/companies")
    List<CompanyChoice> companies(
            Viewer viewer, @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q) {
        return directory.pickableCompanies(viewer, q);
    }

    @PutMapping("/admin/directory")
    ImportResult importDirectory(
            Viewer viewer, @RequestBody DirectoryFile file, @RequestParam(defaultValue = "false") boolean dryRun) {
        return dryRun ? importer.preview(file, viewer.id()) : importer.importDirectory(file, viewer.id());
    }

    @PostMapping("/admin/users/{personId}/deactivate")
    ResponseEntity<Void> deactivate(Viewer viewer, @PathVariable UUID personId) {
        administration.deactivate(viewer, personId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/admin/users/{personId}/activate")
    ResponseEntity<Void> activate(Viewer viewer, @PathVariable UUID personId) {
        administration.activate(viewer, personId);
        return ResponseEntity.noContent().build();
    }
}
