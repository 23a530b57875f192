package fr.portail.messages.web;

import fr.portail.messages.platform.TextRules;
import java.beans.PropertyEditorSupport;
import org.springframework.beans.PropertyAccessException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Puts {@link TextRules} at every edge where text comes in, before any controller or service sees it: every string
 * bound from a request (query and form parameters, multipart fields, path variables, headers, form records) and every
 * string read from JSON (request bodies and imported JSON files). A refused parameter is a 400 naming it; a refused
 * field of a form is an error next to that field.
 */
@ControllerAdvice
@Configuration(proxyBeanMethods = false)
class TextBinding {

    @InitBinder
    void checkText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new CheckedText());
        binder.setBindingErrorProcessor(new RefusedTextErrors());
    }

    /** Jackson reads every JSON string through the rule. */
    @Bean
    JacksonModule textRulesModule() {
        return new SimpleModule("text-rules").addDeserializer(String.class, new CheckedJsonString());
    }

    /** Request parameters and form fields: refused text fails the conversion, as a malformed number would. */
    static final class CheckedText extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            setValue(TextRules.check(text, TextRules.Kind.TEXT));
        }
    }

    /** A refused field of a form gets the rule's own message, and shows back without the refused characters. */
    static final class RefusedTextErrors extends DefaultBindingErrorProcessor {

        @Override
        public void processPropertyAccessException(PropertyAccessException exception, BindingResult result) {
            var refusal = TextRules.refusal(exception);
            if (refusal.isEmpty()) {
                super.processPropertyAccessException(exception, result);
                return;
            }
            String field = exception.getPropertyName();
            Object value = exception.getValue();
            result.addError(new FieldError(
                    result.getObjectName(),
                    field,
                    value instanceof String text ? TextRules.withoutRefused(text, TextRules.Kind.TEXT) : null,
                    true,
                    new String[] {refusal.get()},
                    null,
                    refusal.get()));
        }
    }

    /** JSON strings: a refused one fails with the path of its field. */
    static final class CheckedJsonString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            try {
                return TextRules.check(value, TextRules.Kind.TEXT);
            } catch (TextRules.Refused refused) {
                var failure = new InvalidFormatException(parser, refused.messageKey(), null, String.class);
                failure.initCause(refused);
                throw failure;
            }
        }
    }
}
