package io.holdfast.bridge.remote;

import java.util.regex.Pattern;

/** Checks remote paths: relative, '/'-separated, no empty, "." or ".." parts. */
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
}
