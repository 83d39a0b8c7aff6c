package io.holdfast.host.api;

import io.holdfast.plugin.api.rest.RestField;
import io.holdfast.plugin.api.rest.RestOperation;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of {@code /api/v1}, built from the registered operations: paths, path
 * parameters, request bodies, bearer security, problem-details errors, and {@code x-admin-only} on the
 * operations only admins may call.
 */
@Component
class OpenApiDocument {

    Map<String, Object> build(List<RestOperation> operations) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Holdfast API", "version", "1",
                "description", "Every call needs an API token (create one under API tokens in the web UI): "
                        + "Authorization: Bearer <token>. Errors are RFC 9457 problem details; 'field' names the request field at fault."));
        doc.put("servers", List.of(Map.of("url", "/api/v1")));
        Map<String, Object> paths = new TreeMap<>();
        for (RestOperation op : operations) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(op.path(), k -> new LinkedHashMap<>());
            item.put(op.method().toLowerCase(), operation(op));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("token", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Problem", Map.of("type", "object", "properties", Map.of(
                        "type", Map.of("type", "string"), "title", Map.of("type", "string"), "status", Map.of("type", "integer"),
                        "detail", Map.of("type", "string"), "instance", Map.of("type", "string"), "field", Map.of("type", "string"))))));
        doc.put("security", List.of(Map.of("token", List.of())));
        return doc;
    }

    private static Map<String, Object> operation(RestOperation op) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("operationId", op.id());
        o.put("summary", op.summary());
        if (op.adminOnly()) {
            o.put("x-admin-only", true);
        }
        List<Map<String, Object>> params = new java.util.ArrayList<>();
        for (String name : op.pathParameters()) {
            params.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "integer", "format", "int64")));
        }
        if (!params.isEmpty()) {
            o.put("parameters", params);
        }
        if (!op.body().isEmpty()) {
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> required = new java.util.ArrayList<>();
            for (RestField f : op.body()) {
                props.put(f.name(), Map.of("type", f.type(), "description", f.description()));
                if (f.required()) {
                    required.add(f.name());
                }
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", props);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            o.put("requestBody", Map.of("required", !required.isEmpty(), "content", Map.of("application/json", Map.of("schema", schema))));
        }
        Map<String, Object> problem = Map.of("description", "problem details",
                "content", Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("2XX", Map.of("description", "done"));
        responses.put("400", problem);
        responses.put("401", problem);
        if (op.adminOnly()) {
            responses.put("403", problem);
        }
        if (!op.pathParameters().isEmpty()) {
            responses.put("404", problem);
        }
        o.put("responses", responses);
        return o;
    }
}
