package fr.portail.messages.web;

import fr.portail.messages.firm.FirmIdentity;
import fr.portail.messages.firm.FirmIdentityService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;
import org.unbescape.html.HtmlEscape;

/**
 * The firm's identity on every page: {@code firm} is a request attribute, so that the layout finds it whoever renders
 * the page (a controller, an exception handler, the error page), and the browser tab's title ends with the firm's
 * name whatever title the page gives itself.
 */
@Configuration(proxyBeanMethods = false)
class FirmLayout implements WebMvcConfigurer {

    static final String ATTRIBUTE = "firm";

    private final FirmIdentityService identities;

    FirmLayout(FirmIdentityService identities) {
        this.identities = identities;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        request.setAttribute(ATTRIBUTE, identities.current());
                        return true;
                    }
                })
                .excludePathPatterns("/api/**", "/webjars/**", "/css/**", "/js/**", "/vendor/**", "/cabinet/**");
    }

    /** Boot adds every dialect bean to the pages' template engine (not to the e-mails' own engine). */
    @org.springframework.context.annotation.Bean
    TitleSuffixDialect titleSuffixDialect() {
        return new TitleSuffixDialect();
    }

    /** Appends " — firm name" to the text of the page's {@code <title>}. */
    static final class TitleSuffixDialect extends AbstractDialect implements IPostProcessorDialect {

        TitleSuffixDialect() {
            super("firm-title");
        }

        @Override
        public int getDialectPostProcessorPrecedence() {
            return 1000;
        }

        @Override
        public Set<IPostProcessor> getPostProcessors() {
            return Set.of(new PostProcessor(TemplateMode.HTML, TitleSuffix.class, 1000));
        }
    }

    /** Watches the finished page's events: the text before {@code </title>} gets the firm's name. */
    public static final class TitleSuffix extends AbstractTemplateHandler {

        private ITemplateContext context;
        private boolean inTitle;

        @Override
        public void setContext(ITemplateContext context) {
            super.setContext(context);
            this.context = context;
        }

        @Override
        public void handleOpenElement(IOpenElementTag tag) {
            inTitle = "title".equalsIgnoreCase(tag.getElementCompleteName());
            super.handleOpenElement(tag);
        }

        @Override
        public void handleCloseElement(ICloseElementTag tag) {
            if (inTitle && "title".equalsIgnoreCase(tag.getElementCompleteName())) {
                inTitle = false;
                if (context.getVariable(ATTRIBUTE) instanceof FirmIdentity firm) {
                    // The name is text typed by an administrator: escaped, as th:text would.
                    super.handleText(context.getModelFactory().createText(" — " + HtmlEscape.escapeHtml5(firm.name())));
                }
            }
            super.handleCloseElement(tag);
        }
    }
}
