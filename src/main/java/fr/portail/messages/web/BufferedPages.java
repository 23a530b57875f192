package fr.portail.messages.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Pages are written as Thymeleaf renders them, through a buffer of {@value PageView#CHARS_PER_WRITE} characters, into
 * the page's bytes held in memory; once the page is complete it goes to the response with its {@code Content-Length}
 * (ADR 12).
 *
 * <p>Rendering into one string first (Thymeleaf's {@code produce-partial-output-while-processing: false}) grew that
 * string by copies and copied it once more at the end: about 0.6 MB of garbage for an 84 KB inbox page. Writing each of
 * the template's thousands of small pieces straight into the response went through the writers of Spring Session's and
 * Spring Security's response wrappers one by one. The buffer makes a handful of writes per page. Nothing reaches the
 * response before the page is complete, so that an error while rendering still gets its error page. The page is not
 * held in the container's response buffer: Jetty pools buffers of up to 64 KB, and a buffer large enough for a whole
 * page was allocated outside the heap for each page and freed only by a collection of the heap (ADR 12 point 8).
 */
@Configuration(proxyBeanMethods = false)
class BufferedPages {

    @Bean
    static BeanPostProcessor bufferedPageViews() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setViewClass(PageView.class);
                }
                return bean;
            }
        };
    }

    /** A Thymeleaf view that writes its page through a buffer. */
    static class PageView extends ThymeleafView {

        static final int CHARS_PER_WRITE = 16 * 1024;

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            BufferedResponse page = new BufferedResponse(response);
            super.render(model, request, page);
            page.flushPage();
        }
    }

    static final class BufferedResponse extends HttpServletResponseWrapper {

        /** Room for an inbox page (84 KB on the large data set) before the page's buffer grows. */
        private static final int PAGE_BYTES = 128 * 1024;

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(PAGE_BYTES);
        private PrintWriter writer;

        BufferedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new PageWriter(bytes, Charset.forName(getCharacterEncoding())), false);
            }
            return writer;
        }

        /**
         * Sends the complete page with its length, in one write: Spring Security's headers and Spring Session's cookie
         * are added by wrappers when they see the response's last byte pass, which must come before the container
         * commits the response (it would when its own buffer filled).
         */
        void flushPage() throws IOException {
            if (writer == null) {
                return;
            }
            writer.flush();
            if (writer.checkError()) {
                throw new IOException("the page could not be written");
            }
            setContentLength(bytes.size());
            bytes.writeTo(super.getOutputStream());
        }
    }

    /**
     * Gathers a page's small pieces into {@value PageView#CHARS_PER_WRITE} characters and writes them as bytes, encoded
     * in one call of the charset's encoder (Jetty's own writer encodes character by character: a quarter of an inbox
     * page's CPU samples). A surrogate pair cut by the buffer's end is encoded whole with the next characters.
     */
    static final class PageWriter extends Writer {

        private final OutputStream page;
        private final CharsetEncoder encoder;
        private final CharBuffer chars = CharBuffer.allocate(PageView.CHARS_PER_WRITE);
        private final ByteBuffer bytes;

        PageWriter(OutputStream page, Charset charset) {
            this.page = page;
            this.encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            this.bytes = ByteBuffer.allocate((int) Math.ceil(encoder.maxBytesPerChar() * chars.capacity()));
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
            while (length > 0) {
                int part = Math.min(length, chars.remaining());
                chars.put(text, offset, part);
                offset += part;
                length -= part;
                drainWhenFull();
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            while (length > 0) {
                int part = Math.min(length, chars.remaining());
                text.getChars(offset, offset + part, chars.array(), chars.position());
                chars.position(chars.position() + part);
                offset += part;
                length -= part;
                drainWhenFull();
            }
        }

        @Override
        public void write(int c) throws IOException {
            chars.put((char) c);
            drainWhenFull();
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            drain();
        }

        private void drainWhenFull() throws IOException {
            if (!chars.hasRemaining()) {
                drain();
            }
        }

        private void drain() throws IOException {
            chars.flip();
            encoder.encode(chars, bytes, false);
            chars.compact();
            page.write(bytes.array(), 0, bytes.position());
            bytes.clear();
        }
    }
}
