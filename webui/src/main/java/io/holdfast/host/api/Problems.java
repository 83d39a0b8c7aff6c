package io.holdfast.host.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/** RFC 9457 problem details: the body of every error of /api/v1, never a stack trace. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(int status, String detail, String field, String instance) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        if (field != null) {
            p.setProperty("field", field);
        }
        if (instance != null) {
            p.setInstance(URI.create(instance));
        }
        return p;
    }

    /** The 401 of a request without a valid token (the security chain's entry point). */
    public static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, of(401, "Give a valid API token: Authorization: Bearer <token> (create one under API tokens).", null,
                request.getRequestURI()));
    }

    /** The 403 of a valid token whose user may not do this (the security chain's access-denied handler). */
    public static void forbidden(HttpServletRequest request, HttpServletResponse response,
                                 org.springframework.security.access.AccessDeniedException e) throws IOException {
        write(response, of(403, "Only an admin's API token may read this.", null, request.getRequestURI()));
    }

    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        if (problem.getStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
