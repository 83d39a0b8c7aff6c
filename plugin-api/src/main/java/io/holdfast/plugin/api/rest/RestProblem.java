package io.holdfast.plugin.api.rest;

/**
 * A refused request, written by the host as RFC 9457 problem details: {@code status}, {@code title},
 * {@code detail} (one sentence for a person) and, when one field is at fault, {@code field}.
 */
public class RestProblem extends RuntimeException {

    private final int status;
    private final String field;

    public RestProblem(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static RestProblem badRequest(String field, String detail) {
        return new RestProblem(400, field, detail);
    }

    /** Also what another tenant's id gets: it is answered exactly as one that does not exist. */
    public static RestProblem notFound(String detail) {
        return new RestProblem(404, null, detail);
    }

    public static RestProblem forbidden(String detail) {
        return new RestProblem(403, null, detail);
    }

    public static RestProblem conflict(String detail) {
        return new RestProblem(409, null, detail);
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
