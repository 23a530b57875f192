package fr.portail.messages.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A template fragment rendered to text for the current request, through the same view as a page (links, messages,
 * {@code @beans} and the request's context as on the page), for a module that keeps pieces of pages it rendered
 * before. The response is only lent: nothing is written to it and none of its headers change.
 */
@Component
public class FragmentHtml {

    private final ThymeleafViewResolver views;

    FragmentHtml(ThymeleafViewResolver views) {
        this.views = views;
    }

    /** The fragment ({@code "template :: name"}) rendered with {@code model} in {@code locale}. */
    public String render(
            String fragment,
            Map<String, ?> model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            View view = views.resolveViewName(fragment, locale);
            if (view == null) {
                throw new IllegalArgumentException("No template for " + fragment);
            }
            var text = new TextResponse(response);
            view.render(model, request, text);
            return text.text();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Rendering " + fragment + " failed", e);
        }
    }

    /**
     * A response that keeps what the page view writes to it (bytes, in UTF-8), and leaves the real response alone: its
     * headers, content type and buffer are untouched.
     */
    private static final class TextResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int offset, int length) {
                bytes.write(b, offset, length);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("A fragment is rendered at once");
            }
        };

        TextResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            throw new IllegalStateException("A fragment is rendered through the page view, which writes bytes");
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void setContentType(String type) {}

        @Override
        public void setCharacterEncoding(String charset) {}

        @Override
        public void setLocale(Locale locale) {}

        @Override
        public void setContentLength(int length) {}

        @Override
        public void setContentLengthLong(long length) {}

        @Override
        public void setBufferSize(int size) {}

        @Override
        public void setHeader(String name, String value) {}

        @Override
        public void addHeader(String name, String value) {}

        @Override
        public void flushBuffer() {}

        @Override
        public void resetBuffer() {
            bytes.reset();
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
