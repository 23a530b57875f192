package fr.portail.messages.firm;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logo and the colour style sheet, public because the login page shows them. The logo goes out with the headers
 * of a downloaded attachment (a fixed type, no sniffing, a sandbox that runs nothing) even though it was re-encoded;
 * unlike an attachment it is no secret, so a browser may keep it as long as its versioned URL stays the same.
 */
@RestController
class FirmResources {

    static final String LOGO_PATH = "/cabinet/logo.png";
    static final String THEME_PATH = "/cabinet/theme.css";

    private static final CacheControl VERSIONED =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final FirmIdentityService identity;

    FirmResources(FirmIdentityService identity) {
        this.identity = identity;
    }

    @GetMapping(LOGO_PATH)
    ResponseEntity<byte[]> logo(@RequestParam(name = "v", required = false) String version) {
        FirmIdentity current = identity.current();
        return identity.logo()
                .map(png -> ResponseEntity.ok()
                        .cacheControl(cacheControl(String.valueOf(current.logoVersion()), version))
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Security-Policy", "sandbox; default-src 'none'")
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.inline()
                                        .filename("logo.png")
                                        .build()
                                        .toString())
                        .contentType(MediaType.IMAGE_PNG)
                        .body(png))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .cacheControl(CacheControl.noStore())
                        .build());
    }

    /** The brand colour as the variables of the pages' theme ({@code css/app.css}), which it overrides. */
    @GetMapping(value = THEME_PATH, produces = "text/css")
    ResponseEntity<String> theme(@RequestParam(name = "v", required = false) String version) {
        FirmIdentity current = identity.current();
        String colour = current.brandColour();
        String dark = current.brandColourDark();
        String rgb = current.brandColourRgb();
        String css = """
                :root:not([data-bs-theme="dark"]) {
                  --app-primary: %1$s;
                  --app-primary-dark: %2$s;
                  --bs-primary: %1$s;
                  --bs-primary-rgb: %3$s;
                  --bs-link-color: %1$s;
                  --bs-link-color-rgb: %3$s;
                  --bs-link-hover-color: %2$s;
                }
                :root:not([data-bs-theme="dark"]) .btn-outline-primary {
                  --bs-btn-color: %1$s; --bs-btn-border-color: %1$s;
                  --bs-btn-hover-bg: %1$s; --bs-btn-hover-border-color: %1$s;
                  --bs-btn-active-bg: %2$s; --bs-btn-active-border-color: %2$s;
                  --bs-btn-disabled-color: %1$s; --bs-btn-disabled-border-color: %1$s;
                }
                """.formatted(colour, dark, rgb);
        return ResponseEntity.ok()
                .cacheControl(cacheControl(colour.substring(1), version))
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("text/css;charset=UTF-8"))
                .body(css);
    }

    /** Kept for a year under the current version's URL; anything else is checked again on every use. */
    private static CacheControl cacheControl(String currentVersion, String requested) {
        return currentVersion.equals(requested) ? VERSIONED : CacheControl.noCache();
    }
}
