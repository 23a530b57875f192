package fr.portail.messages.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The operations of an OpenAPI description ({@code /v3/api-docs}): each method of each path, with its parameters and
 * the request bodies it accepts. Only what the fuzz test needs is read; a new endpoint appears here by itself.
 */
record ApiOperations(List<Operation> operations, JsonNode schemas) {

    /** One parameter: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {}

    /** One request body format: its media type and schema. */
    record Body(String mediaType, JsonNode schema) {}

    /** One operation; {@code bodies} is empty when it takes none. */
    record Operation(String method, String path, List<Parameter> parameters, List<Body> bodies) {

        Operation withMethod(String other) {
            return new Operation(other, path, parameters, bodies);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static ApiOperations read(JsonNode description) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : fields(description.path("paths"))) {
            for (Map.Entry<String, JsonNode> method : fields(path.getValue())) {
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(
                            parameter.path("name").asString(),
                            parameter.path("in").asString(),
                            parameter.path("required").asBoolean(false),
                            parameter.path("schema")));
                }
                List<Body> bodies = new ArrayList<>();
                for (Map.Entry<String, JsonNode> content :
                        fields(operation.path("requestBody").path("content"))) {
                    bodies.add(new Body(content.getKey(), content.getValue().path("schema")));
                }
                operations.add(new Operation(
                        method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), parameters, bodies));
            }
        }
        return new ApiOperations(operations, description.path("components").path("schemas"));
    }

    /** The schema itself, or the one its {@code $ref} names. */
    JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> iterator = node.properties().iterator();
        iterator.forEachRemaining(entries::add);
        return entries;
    }
}
