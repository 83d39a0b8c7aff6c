package io.holdfast.plugin.api.rest;

/** A status and a body the host writes as JSON (records, lists, maps, strings, numbers; null: no body). */
public record RestResponse(int status, Object body) {

    public static RestResponse ok(Object body) {
        return new RestResponse(200, body);
    }

    /** A new resource or a queued job. */
    public static RestResponse accepted(Object body) {
        return new RestResponse(202, body);
    }

    public static RestResponse noContent() {
        return new RestResponse(204, null);
    }
}
