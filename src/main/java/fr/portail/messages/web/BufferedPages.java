package fr.portail.messages.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Pages are written as Thymeleaf renders them, through a buffer of {@value PageView#CHARS_PER_WRITE} characters, into a
 * response buffer that holds a whole page (ADR 12).
 *
 * <p>Rendering into one string first (Thymeleaf's {@code produce-partial-output-while-processing: false}) grew that
 * string by copies and copied it once more at the end: about 0.6 MB of garbage for an 84 KB inbox page. Writing each of
 * the template's thousands of small pieces straight into the response went through the writers of Spring Session's and
 * Spring Security's response wrappers one by one. The buffer makes a handful of writes per page; the response buffer
 * keeps the response uncommitted until the page is complete, so that an error while rendering still gets its error
 * page, and the page goes out with its {@code Content-Length}.
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
        static final int RESPONSE_BUFFER_BYTES = 512 * 1024;

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            if (!response.isCommitted()) {
                response.setBufferSize(RESPONSE_BUFFER_BYTES);
            }
            BufferedResponse page = new BufferedResponse(response);
            super.render(model, request, page);
            page.flushPage();
        }
    }

    private static final class BufferedResponse extends HttpServletResponseWrapper {

        private PrintWriter writer;

        BufferedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new PageWriter(super.getWriter()), false);
            }
            return writer;
        }

        void flushPage() throws IOException {
            if (writer != null && writer.checkError()) {
                throw new IOException("the page could not be written to the response");
            }
        }
    }

    /**
     * Gathers a page's small pieces into writes of {@value PageView#CHARS_PER_WRITE} characters. Its flush hands what
     * it holds to the response's buffer without flushing that buffer: the response is sent once the request ends, with
     * its length.
     */
    static final class PageWriter extends Writer {

        private final Writer response;
        private final char[] buffer = new char[PageView.CHARS_PER_WRITE];
        private int used;

        PageWriter(Writer response) {
            this.response = response;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (length > buffer.length - used) {
                drain();
                if (length >= buffer.length) {
                    response.write(chars, offset, length);
                    return;
                }
            }
            System.arraycopy(chars, offset, buffer, used, length);
            used += length;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            if (length > buffer.length - used) {
                drain();
                if (length >= buffer.length) {
                    response.write(text, offset, length);
                    return;
                }
            }
            text.getChars(offset, offset + length, buffer, used);
            used += length;
        }

        @Override
        public void write(int c) throws IOException {
            if (used == buffer.length) {
                drain();
            }
            buffer[used++] = (char) c;
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            drain();
        }

        private void drain() throws IOException {
            if (used > 0) {
                response.write(buffer, 0, used);
                used = 0;
            }
        }
    }
}
