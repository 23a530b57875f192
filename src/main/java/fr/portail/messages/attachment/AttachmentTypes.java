package fr.portail.messages.attachment;

import java.util.Set;

/** Which stored media types are served as declared, and which may be shown inline as a preview. */
public final class AttachmentTypes {

    /** Types served as declared; everything else is served as {@code application/octet-stream}. */
    private static final Set<String> SAFE = Set.of(
            "application/pdf",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "text/plain",
            "text/csv",
            "application/zip",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet");

    private static final Set<String> PREVIEWABLE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private AttachmentTypes() {}

    /** The type a download is served with. */
    public static String servedAs(String storedType) {
        return SAFE.contains(storedType) ? storedType : "application/octet-stream";
    }

    /** Whether the file may be shown inline (in a sandbox). */
    public static boolean isPreviewable(String storedType) {
        return PREVIEWABLE.contains(storedType);
    }
}
