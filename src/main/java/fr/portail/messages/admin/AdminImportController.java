package fr.portail.messages.admin;

import fr.portail.messages.directory.AdministrationLookups;
import fr.portail.messages.directory.DirectoryCsv;
import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.JsonPaths;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.TextRules;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Directory import from a JSON file or the two CSV files (SPEC §8): a dry run shows what would change and every error,
 * then "Importer" applies the same content. The content travels back in hidden fields rather than in the session, so
 * that nothing is left behind when the administrator walks away.
 */
@Controller
class AdminImportController {

    static final String REPORT = "report";
    private static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

    private final DirectoryImporter importer;
    private final AdministrationLookups administration;
    private final JsonMapper json;
    private final Feedback feedback;

    AdminImportController(
            DirectoryImporter importer, AdministrationLookups administration, JsonMapper json, Feedback feedback) {
        this.importer = importer;
        this.administration = administration;
        this.json = json;
        this.feedback = feedback;
    }

    /** The content of a file to import, as text: JSON, or the companies and people CSV files. */
    record ImportContent(String json, String companies, String users) {

        ImportContent {
            json = blankToNull(json);
            companies = blankToNull(companies);
            users = blankToNull(users);
        }

        boolean isEmpty() {
            return json == null && companies == null && users == null;
        }

        private static String blankToNull(String value) {
            if (value == null) {
                return null;
            }
            String text = value.startsWith("\uFEFF") ? value.substring(1) : value;
            return text.isBlank() ? null : text;
        }
    }

    /** What an applied import did, kept for the page shown after the redirect. */
    record ImportReport(
            int companiesCreated,
            int companiesUpdated,
            int usersCreated,
            int usersUpdated,
            List<InvitationLink> invitations)
            implements Serializable {

        static ImportReport of(ImportResult result) {
            return new ImportReport(
                    result.created().companies(),
                    result.updated().companies(),
                    result.created().users(),
                    result.updated().users(),
                    result.invitations().stream()
                            .map(link -> new InvitationLink(link.email(), link.url()))
                            .toList());
        }
    }

    /** A new person's invitation link. */
    record InvitationLink(String email, String url) implements Serializable {}

    /** One line of a dry run: an entry of the file and whether it exists already. */
    record PreviewLine(String key, boolean isNew) {}

    @GetMapping("/admin/import")
    String page(Viewer viewer) {
        requireAdministrator(viewer);
        return "admin/import";
    }

    @PostMapping("/admin/import")
    String upload(
            Viewer viewer,
            @RequestParam(required = false) MultipartFile jsonFile,
            @RequestParam(required = false) MultipartFile companiesFile,
            @RequestParam(required = false) MultipartFile usersFile,
            @RequestParam(defaultValue = "preview") String mode,
            Model model,
            RedirectAttributes redirect) {
        requireAdministrator(viewer);
        ImportContent content;
        try {
            content = new ImportContent(
                    text(jsonFile, "jsonFile"), text(companiesFile, "companiesFile"), text(usersFile, "usersFile"));
        } catch (InvalidInputException invalid) {
            showErrors(model, invalid);
            return "admin/import";
        }
        return "apply".equals(mode) ? apply(viewer, content, model, redirect) : preview(viewer, content, model);
    }

    @PostMapping("/admin/import/appliquer")
    String applyContent(Viewer viewer, ImportContent content, Model model, RedirectAttributes redirect) {
        requireAdministrator(viewer);
        return apply(viewer, content, model, redirect);
    }

    private String preview(Viewer viewer, ImportContent content, Model model) {
        try {
            DirectoryFile file = parse(content);
            ImportResult result = importer.preview(file, viewer.id());
            List<UUID> ids = new ArrayList<>();
            result.companies().forEach(c -> ids.add(c.id()));
            result.users().forEach(u -> ids.add(u.id()));
            Set<UUID> existing = administration.existingIds(viewer, ids);
            model.addAttribute("preview", result);
            model.addAttribute(
                    "previewCompanies",
                    result.companies().stream()
                            .map(c -> new PreviewLine(c.externalId(), !existing.contains(c.id())))
                            .toList());
            model.addAttribute(
                    "previewUsers",
                    result.users().stream()
                            .map(u -> new PreviewLine(u.email(), !existing.contains(u.id())))
                            .toList());
            model.addAttribute("importContent", content);
        } catch (InvalidInputException invalid) {
            showErrors(model, invalid);
        }
        return "admin/import";
    }

    private String apply(Viewer viewer, ImportContent content, Model model, RedirectAttributes redirect) {
        try {
            ImportResult result = importer.importDirectory(parse(content), viewer.id());
            redirect.addFlashAttribute(REPORT, ImportReport.of(result));
            feedback.notice(redirect, "admin.import.done");
            return "redirect:/admin/import";
        } catch (InvalidInputException invalid) {
            showErrors(model, invalid);
            return "admin/import";
        }
    }

    private void showErrors(Model model, InvalidInputException invalid) {
        model.addAttribute("importErrors", feedback.byField(invalid));
        model.addAttribute("importErrorCount", invalid.problems().size());
    }

    private DirectoryFile parse(ImportContent content) {
        if (content.isEmpty()) {
            throw new InvalidInputException("jsonFile", "admin.import.error.noFile");
        }
        if (content.json() != null) {
            if (content.companies() != null || content.users() != null) {
                throw new InvalidInputException("jsonFile", "admin.import.error.both");
            }
            try {
                return json.readValue(content.json(), DirectoryFile.class);
            } catch (JacksonException malformed) {
                var refusal = TextRules.refusal(malformed);
                if (refusal.isPresent()) {
                    throw new InvalidInputException(
                            "jsonFile",
                            "import.error.jsonText",
                            malformed.getLocation() == null
                                    ? 0
                                    : malformed.getLocation().getLineNr(),
                            JsonPaths.of(malformed),
                            new DefaultMessageSourceResolvable(refusal.get()));
                }
                throw new InvalidInputException("jsonFile", "admin.import.error.json");
            }
        }
        return DirectoryCsv.parse(content.companies(), content.users());
    }

    private static String text(MultipartFile file, String field) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            throw new InvalidInputException(field, "admin.import.error.tooLarge", MAX_FILE_BYTES / (1024 * 1024));
        }
        try {
            return strictUtf8(file.getBytes(), field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as UTF-8 text; bytes that are not UTF-8 are refused with their line rather than replaced. */
    private static String strictUtf8(byte[] bytes, String field) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidInputException(field, "import.error.encoding", line);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static void requireAdministrator(Viewer viewer) {
        if (!viewer.admin()) {
            throw new NotFoundException();
        }
    }
}
