package io.holdfast.host.api;

import io.holdfast.plugin.api.rest.RestExtensions;
import io.holdfast.plugin.api.rest.RestOperation;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every operation of {@code /api/v1}: the host's own and those plugins add during their {@code init}. */
@Component
public class ApiRegistry implements RestExtensions {

    private final List<RestOperation> operations = new CopyOnWriteArrayList<>();

    @Override
    public void add(RestOperation operation) {
        for (RestOperation o : operations) {
            if (o.id().equals(operation.id())) {
                throw new IllegalArgumentException("REST operation id " + operation.id() + " is taken");
            }
            if (o.method().equals(operation.method()) && template(o.path()).equals(template(operation.path()))) {
                throw new IllegalArgumentException("REST operation " + operation.method() + " " + operation.path() + " is taken");
            }
        }
        operations.add(operation);
    }

    /** Takes back what a plugin added, when it fails to start after adding it. */
    public void removeAll(List<RestOperation> added) {
        operations.removeAll(added);
    }

    /** Every operation registered now. */
    public List<RestOperation> operations() {
        return List.copyOf(operations);
    }

    /** A matched operation and its path parameters. */
    record Match(RestOperation operation, java.util.Map<String, String> parameters) {
    }

    /** The operation for a method and a path below /api/v1; empty when none (405 when only the method differs). */
    java.util.Optional<Match> match(String method, String path, boolean[] pathExists) {
        String[] parts = split(path);
        for (RestOperation o : operations) {
            String[] pattern = split(o.path());
            if (pattern.length != parts.length) {
                continue;
            }
            java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                    params.put(pattern[i].substring(1, pattern[i].length() - 1), parts[i]);
                } else {
                    ok = pattern[i].equals(parts[i]);
                }
            }
            if (ok) {
                pathExists[0] = true;
                if (o.method().equals(method)) {
                    return java.util.Optional.of(new Match(o, params));
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String template(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
