package fr.portail.messages.web;

import fr.portail.messages.directory.Viewer;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the OpenAPI description honest: the acting person ({@link Viewer}) comes from the session or the access
 * token, not from a parameter a client could send; and every operation lists the problems it can answer, described
 * once as the {@code Problem} schema.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Viewer.class);
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> describeProblems(path, method, operation)));
        };
    }

    /** The refusals each operation can answer, from what it takes: parameters, a body, an id in its path. */
    private static void describeProblems(String path, PathItem.HttpMethod method, Operation operation) {
        boolean hasParameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean hasBody = operation.getRequestBody() != null;
        boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        Map<String, String> problems = new LinkedHashMap<>();
        if (hasParameters || hasBody) {
            problems.put("400", "Invalid input: the refused fields are listed in `errors`");
        }
        problems.put("401", "Not signed in, or the access token is unknown, expired or revoked");
        if (changes || path.startsWith("/api/v1/admin/")) {
            problems.put(
                    "403", "Not allowed: an administrator's call, a missing CSRF token, or a token without the scope");
        }
        if (path.contains("{")) {
            problems.put("404", "Nothing with this id that the caller may see");
        }
        problems.put("405", "Method not allowed at this path");
        problems.put("406", "The answer cannot take the requested type");
        if (hasBody) {
            boolean takesFiles = operation.getRequestBody().getContent() != null
                    && operation.getRequestBody().getContent().keySet().stream()
                            .anyMatch(type -> !type.contains("json"));
            boolean postsMessage = path.equals("/api/v1/conversations") || path.endsWith("/messages");
            if (takesFiles || postsMessage) {
                problems.put("413", "A file, a message (`messages.max-message-size`) or the request is too large");
            }
            if (takesFiles) {
                problems.put(
                        "429",
                        "An upload limit is reached: 50 files uploaded and not yet sent, or the daily upload quota");
            }
            problems.put("415", "Unsupported content type");
        }
        problems.put("500", "Unexpected failure; nothing of its cause is given");
        problems.forEach((status, description) -> {
            if (operation.getResponses().get(status) == null) {
                operation
                        .getResponses()
                        .addApiResponse(
                                status,
                                new ApiResponse()
                                        .description(description)
                                        .content(new Content()
                                                .addMediaType(
                                                        "application/problem+json",
                                                        new MediaType()
                                                                .schema(new Schema<>()
                                                                        .$ref("#/components/schemas/Problem")))));
            }
        });
    }

    /** RFC 9457 problem details, with the refused fields of a 400. */
    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, e.g. `subject` or `users[2].name`"))
                .addProperty("message", new StringSchema().description("what is wrong, in the caller's language"));
        return new ObjectSchema()
                .description("RFC 9457 problem details, in the caller's language (Accept-Language)")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(error));
    }
}
