package fr.portail.messages.web;

import fr.portail.messages.attachment.AttachmentTypes;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** File sizes and type icons as templates show them ({@code @sizes}). */
@Component("sizes")
class FileSizes {

    public String human(long bytes) {
        Locale locale = LocaleContextHolder.getLocale();
        boolean french = "fr".equals(locale.getLanguage());
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        if (bytes < 1024) {
            return bytes + (french ? " o" : " B");
        }
        if (bytes < 1024 * 1024) {
            return format.format(bytes / 1024.0) + (french ? " Ko" : " KB");
        }
        return format.format(bytes / (1024.0 * 1024.0)) + (french ? " Mo" : " MB");
    }

    public String icon(String contentType) {
        if (contentType.startsWith("image/")) {
            return "bi-file-earmark-image";
        }
        if (contentType.equals("application/pdf")) {
            return "bi-file-earmark-pdf";
        }
        if (contentType.contains("spreadsheet") || contentType.contains("excel") || contentType.equals("text/csv")) {
            return "bi-file-earmark-spreadsheet";
        }
        if (contentType.contains("word") || contentType.contains("opendocument.text")) {
            return "bi-file-earmark-word";
        }
        if (contentType.contains("zip")) {
            return "bi-file-earmark-zip";
        }
        return "bi-file-earmark";
    }

    public boolean previewable(String contentType) {
        return AttachmentTypes.isPreviewable(contentType);
    }
}
