package fr.portail.messages.live;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.BackgroundRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /events}: the signed-in person's Server-Sent Events stream, one per open page. */
@Controller
class EventsController {

    private final EventStreams streams;

    EventsController(EventStreams streams) {
        this.streams = streams;
    }

    /** A background request: holding the stream open is not activity of the person (it keeps no session alive). */
    @BackgroundRequest
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(
            Viewer viewer,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request) {
        LiveStream stream = streams.open(viewer, parse(lastEventId));
        StreamStart.startAfterFilters(request, stream);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // nginx and other proxies would otherwise hold the events back in their buffers.
                .header("X-Accel-Buffering", "no")
                .body(stream.emitter());
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException ignored) {
            return null;
        }
    }
}
