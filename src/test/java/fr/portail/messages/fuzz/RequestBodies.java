package fr.portail.messages.fuzz;

import fr.portail.messages.fuzz.ApiOperations.Body;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies written from their OpenAPI schemas: a plausible baseline value for every field, and one field (a
 * "target", such as {@code users[0].name} or {@code files#filename}) replaced by a hostile value. The bytes are written
 * by hand so that invalid UTF-8 reaches the server as it is.
 */
final class RequestBodies {

    static final String BOUNDARY = "----fuzz-boundary-7d1c";
    private static final int MAX_DEPTH = 5;

    private final ApiOperations api;
    private final Function<String, List<String>> knownIds;
    private final AtomicInteger counter = new AtomicInteger();

    /** @param knownIds ids of things the caller may use, by field name (empty when none is known) */
    RequestBodies(ApiOperations api, Function<String, List<String>> knownIds) {
        this.api = api;
        this.knownIds = knownIds;
    }

    /** The text fields of a body, each a target the fuzz test replaces in turn. */
    List<String> targets(Body body) {
        List<String> targets = new ArrayList<>();
        collect(api.resolve(body.schema()), "", targets, 0, isMultipart(body));
        return targets;
    }

    private void collect(JsonNode schema, String path, List<String> targets, int depth, boolean multipart) {
        if (depth > MAX_DEPTH) {
            return;
        }
        schema = api.resolve(schema);
        switch (schema.path("type").asString("object")) {
            case "string" -> targets.add(isBinary(schema) ? path + "#filename" : path);
            case "array" ->
                collect(schema.path("items"), multipart ? path : path + "[0]", targets, depth + 1, multipart);
            case "object" -> {
                for (Map.Entry<String, JsonNode> property : ApiOperations.fields(schema.path("properties"))) {
                    collect(
                            property.getValue(),
                            path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
                            targets,
                            depth + 1,
                            multipart);
                }
            }
            default -> {}
        }
    }

    static boolean isMultipart(Body body) {
        return body.mediaType().startsWith("multipart/");
    }

    static boolean isJson(Body body) {
        return body.mediaType().contains("json");
    }

    /** The content type header for this body. */
    static String contentType(Body body) {
        return isMultipart(body) ? "multipart/form-data; boundary=" + BOUNDARY : body.mediaType();
    }

    /** The body with {@code target} set to {@code value}, or the baseline when {@code target} is null. */
    byte[] write(Body body, String target, HostileValue value) {
        if (isMultipart(body)) {
            return multipart(api.resolve(body.schema()), target, value);
        }
        if (isJson(body)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            json(body.schema(), "", "", target, value, out, 0);
            return out.toByteArray();
        }
        return value == null || value.isNull() ? "hello".getBytes(StandardCharsets.UTF_8) : value.bytes();
    }

    private void json(
            JsonNode schema,
            String name,
            String path,
            String target,
            HostileValue value,
            ByteArrayOutputStream out,
            int depth) {
        schema = api.resolve(schema);
        if (path.equals(target)) {
            out.writeBytes(value.json());
            return;
        }
        String type = schema.path("type").asString("object");
        if (depth > MAX_DEPTH) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
        } else if (type.equals("array")) {
            List<String> ids = knownIds.apply(name);
            out.write('[');
            if (target != null && target.startsWith(path + "[0]")) {
                json(schema.path("items"), name, path + "[0]", target, value, out, depth + 1);
            } else if (isUuid(api.resolve(schema.path("items")))) {
                out.writeBytes(
                        String.join(",", ids.stream().map(id -> '"' + id + '"').toList())
                                .getBytes(StandardCharsets.UTF_8));
            }
            out.write(']');
        } else if (type.equals("object")) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> property : ApiOperations.fields(schema.path("properties"))) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.writeBytes(('"' + property.getKey() + "\":").getBytes(StandardCharsets.UTF_8));
                json(
                        property.getValue(),
                        property.getKey(),
                        path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
                        target,
                        value,
                        out,
                        depth + 1);
            }
            out.write('}');
        } else if (type.equals("string")) {
            out.writeBytes(HostileValue.text("baseline", baseline(name, schema)).json());
        } else {
            out.writeBytes(scalar(name, schema).getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] multipart(JsonNode schema, String target, HostileValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, JsonNode> property : ApiOperations.fields(schema.path("properties"))) {
            String name = property.getKey();
            JsonNode field = api.resolve(property.getValue());
            boolean array = field.path("type").asString("").equals("array");
            JsonNode item = array ? api.resolve(field.path("items")) : field;
            if (isBinary(item)) {
                boolean fuzzed = (name + "#filename").equals(target);
                if (fuzzed && value.isNull()) {
                    continue;
                }
                byte[] filename = fuzzed ? value.bytes() : "fuzz.txt".getBytes(StandardCharsets.UTF_8);
                part(out, name, filename, "hello".getBytes(StandardCharsets.UTF_8));
            } else if (name.equals(target)) {
                if (!value.isNull()) {
                    part(out, name, null, value.bytes());
                }
            } else if (array && isUuid(item)) {
                for (String id : knownIds.apply(name)) {
                    part(out, name, null, id.getBytes(StandardCharsets.UTF_8));
                }
            } else if (!array) {
                String text =
                        field.path("type").asString("").equals("string") ? baseline(name, field) : scalar(name, field);
                part(out, name, null, text.getBytes(StandardCharsets.UTF_8));
            }
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String name, byte[] filename, byte[] content) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"")
                .getBytes(StandardCharsets.US_ASCII));
        if (filename != null) {
            out.writeBytes("; filename=\"".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(filename);
            out.writeBytes("\"\r\nContent-Type: text/plain".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A plausible text for a field: its example, its first allowed value, a known id, or some words. */
    String baseline(String name, JsonNode schema) {
        schema = api.resolve(schema);
        if (schema.has("example")) {
            return schema.path("example").asString();
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0).asString();
        }
        if (isUuid(schema)) {
            List<String> ids = knownIds.apply(name);
            return ids.isEmpty() ? UUID.randomUUID().toString() : ids.get(0);
        }
        if (name.toLowerCase(Locale.ROOT).contains("email")) {
            return "fuzz-" + UUID.randomUUID().toString().substring(0, 8) + "-" + counter.incrementAndGet()
                    + "@example.test";
        }
        return "Fuzz baseline";
    }

    /** A number or a boolean: its example or minimum, {@code true} for a dry run, otherwise false or 1. */
    String scalar(String name, JsonNode schema) {
        if (schema.has("example")) {
            return schema.path("example").asString();
        }
        if (schema.path("type").asString("").equals("boolean")) {
            return String.valueOf(name.equals("dryRun"));
        }
        return schema.has("minimum") ? schema.path("minimum").asString() : "1";
    }

    static boolean isUuid(JsonNode schema) {
        return schema.path("format").asString("").equals("uuid");
    }

    static boolean isBinary(JsonNode schema) {
        return schema.path("format").asString("").equals("binary");
    }
}
