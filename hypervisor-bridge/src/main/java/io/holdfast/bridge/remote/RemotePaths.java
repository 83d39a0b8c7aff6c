package io.holdfast.bridge.remote;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks remote paths (relative, '/'-separated, no empty, "." or ".." parts) and names the temporary
 * objects writers rename into place.
 */
public final class RemotePaths {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._:+-]+");

    private RemotePaths() {
    }

    public static String check(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("invalid remote path '" + path + "'");
        }
        for (String part : path.split("/")) {
            if (part.equals(".") || part.equals("..") || !PART.matcher(part).matches()) {
                throw new IllegalArgumentException("invalid remote path '" + path + "'");
            }
        }
        return path;
    }

    /**
     * The temporary name a writer uses for {@code name} before renaming it into place: a dot file (hidden
     * from FTP listings) that listings skip and no datastore name can take.
     */
    static String temporaryName(String name) {
        return "." + name + ".tmp-" + UUID.randomUUID();
    }

    /** Whether a listed name is a writer's temporary object (see {@link #temporaryName}). */
    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.contains(".tmp-");
    }
}
