package io.holdfast.plugin.api.rest;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of the REST API.
 *
 * @param method    GET, POST, PUT, PATCH or DELETE
 * @param path      below {@code /api/v1}, with {@code {name}} for path parameters, e.g. {@code /backups/{id}/protect}
 * @param id        a unique operation id for the OpenAPI document, e.g. {@code protectBackup}
 * @param summary   one sentence for the document
 * @param adminOnly only admins may call it (others get 403, before the handler runs)
 * @param body      the request body's fields and what they mean (empty: no body)
 */
public record RestOperation(String method, String path, String id, String summary, boolean adminOnly, List<RestField> body,
                            RestHandler handler) {

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");

    public RestOperation {
        Objects.requireNonNull(handler, "handler");
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with / (was " + path + ")");
        }
        body = List.copyOf(body);
    }

    public static RestOperation get(String path, String id, String summary, RestHandler handler) {
        return new RestOperation("GET", path, id, summary, false, List.of(), handler);
    }

    public static RestOperation post(String path, String id, String summary, List<RestField> body, RestHandler handler) {
        return new RestOperation("POST", path, id, summary, false, body, handler);
    }

    public static RestOperation delete(String path, String id, String summary, RestHandler handler) {
        return new RestOperation("DELETE", path, id, summary, false, List.of(), handler);
    }

    /** The same operation for admins only. */
    public RestOperation forAdminsOnly() {
        return new RestOperation(method, path, id, summary, true, body, handler);
    }

    /** The names of the path's parameters, in order. */
    public List<String> pathParameters() {
        Matcher m = PARAM.matcher(path);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
