package io.holdfast.host.api;

import io.holdfast.host.security.CurrentUserService;
import io.holdfast.plugin.api.rest.RestField;
import io.holdfast.plugin.api.rest.RestProblem;
import io.holdfast.plugin.api.rest.RestRequest;
import io.holdfast.plugin.api.rest.RestResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1}: matches a request to a registered operation, checks the admin flag and required body
 * fields, runs the handler as the token's user, and writes its result as JSON or its refusal as problem
 * details. Unexpected failures are logged with their stack trace and answered with a 500 that has none.
 */
@RestController
@RequestMapping("/api/v1")
class ApiController {

    private static final Logger log = LoggerFactory.getLogger(ApiController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiRegistry registry;
    private final CurrentUserService currentUser;
    private final OpenApiDocument document;

    ApiController(ApiRegistry registry, CurrentUserService currentUser, OpenApiDocument document) {
        this.registry = registry;
        this.currentUser = currentUser;
        this.document = document;
    }

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> openApi() {
        return document.build(registry.operations());
    }

    @RequestMapping("/**")
    ResponseEntity<?> dispatch(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/api/v1".length());
        boolean[] pathExists = {false};
        Optional<ApiRegistry.Match> match = registry.match(request.getMethod(), path, pathExists);
        if (match.isEmpty()) {
            return problem(pathExists[0] ? 405 : 404, pathExists[0] ? request.getMethod() + " is not allowed here."
                    : "No such operation: " + request.getMethod() + " /api/v1" + path + " (see /api/v1/openapi.json).", null, request);
        }
        var op = match.get().operation();
        if (op.adminOnly() && !currentUser.isAdmin()) {
            return problem(403, "Only an admin may " + op.summary().substring(0, 1).toLowerCase() + op.summary().substring(1), null, request);
        }
        try {
            Map<String, Object> body = body(request);
            for (RestField f : op.body()) {
                if (f.required() && body.get(f.name()) == null) {
                    return problem(400, f.name() + " is required: " + f.description(), f.name(), request);
                }
            }
            Map<String, String> query = new LinkedHashMap<>();
            request.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
            RestResponse response = op.handler().handle(new RestRequest(match.get().parameters(), query, body));
            return response.body() == null ? ResponseEntity.status(response.status()).build()
                    : ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.body());
        } catch (RestProblem p) {
            return problem(p.status(), p.getMessage(), p.field(), request);
        } catch (RuntimeException e) {
            log.error("API {} {} failed", request.getMethod(), path, e);
            return problem(500, "The server could not answer (" + e.getClass().getSimpleName() + "); its log has the detail.", null, request);
        }
    }

    private Map<String, Object> body(HttpServletRequest request) {
        try {
            byte[] bytes = request.getInputStream().readAllBytes();
            if (bytes.length == 0) {
                return Map.of();
            }
            Object parsed = JSON.readValue(bytes, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new RestProblem(400, null, "The body must be a JSON object.");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        } catch (JacksonException e) {
            throw new RestProblem(400, null, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RestProblem(400, null, "The body could not be read.");
        }
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String detail, String field, HttpServletRequest request) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, detail, field, request.getRequestURI()));
    }
}
