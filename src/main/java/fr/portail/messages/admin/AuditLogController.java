package fr.portail.messages.admin;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.FormFeedback;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page and its CSV export, with the same filters. */
@Controller
class AuditLogController {

    private final AuditLogView auditLog;
    private final FormFeedback feedback;

    AuditLogController(AuditLogView auditLog, FormFeedback feedback) {
        this.auditLog = auditLog;
        this.feedback = feedback;
    }

    @GetMapping("/admin/audit")
    String page(
            Viewer viewer,
            @RequestParam(required = false) UUID person,
            @RequestParam(required = false) UUID company,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var filters = new AuditLogView.Filters(person, company, from, to);
        model.addAttribute("result", auditLog.page(viewer, filters, page));
        model.addAttribute("filters", filters);
        return "admin/audit";
    }

    @GetMapping("/admin/audit.csv")
    void export(
            Viewer viewer,
            @RequestParam(required = false) UUID person,
            @RequestParam(required = false) UUID company,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        AuditLogView.requireAdministrator(viewer);
        var filters = new AuditLogView.Filters(person, company, from, to);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        // A byte order mark lets spreadsheets read the accents as UTF-8.
        out.write('\uFEFF');
        var csv = new AuditCsv(out);
        csv.row(List.of(
                feedback.message("admin.audit.at"),
                feedback.message("admin.audit.actorEmail"),
                feedback.message("admin.audit.actorName"),
                feedback.message("admin.audit.action"),
                feedback.message("admin.audit.target"),
                feedback.message("admin.audit.details")));
        DateTimeFormatter at = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        try {
            auditLog.export(viewer, filters, line -> {
                try {
                    csv.row(Arrays.asList(
                            at.format(line.entry().at().atZone(AuditLogView.FIRM_ZONE)),
                            line.actor() == null ? "" : line.actor().email(),
                            line.actor() == null ? "" : line.actor().name(),
                            line.entry().action(),
                            line.entry().target(),
                            line.entry().details()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }
}
