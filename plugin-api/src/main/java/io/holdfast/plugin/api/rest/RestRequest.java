package io.holdfast.plugin.api.rest;

import java.util.Map;

/**
 * A request as a handler sees it: path parameters, query parameters and the JSON body's top-level fields
 * (strings, numbers, booleans, null). The caller is {@code PluginContext.currentUser()}.
 */
public record RestRequest(Map<String, String> pathParameters, Map<String, String> query, Map<String, Object> body) {

    public RestRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }

    /** A path parameter that is an id; a malformed one is answered as an id that does not exist (404). */
    public long id(String name) {
        try {
            return Long.parseLong(pathParameters.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            throw RestProblem.notFound("No such " + name.replace("Id", "") + ".");
        }
    }

    public String string(String field, String fallback) {
        Object v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw RestProblem.badRequest(field, field + " must be a string.");
        }
        return s;
    }

    public boolean bool(String field, boolean fallback) {
        Object v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw RestProblem.badRequest(field, field + " must be true or false.");
        }
        return b;
    }

    public Long number(String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw RestProblem.badRequest(field, field + " must be a whole number.");
        }
        return n.longValue();
    }

    /** An integer query parameter, e.g. paging; a malformed one is a 400 naming it. */
    public int queryInt(String name, int fallback, int min, int max) {
        String v = query.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw RestProblem.badRequest(name, name + " must be between " + min + " and " + max + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw RestProblem.badRequest(name, name + " must be a number.");
        }
    }
}
