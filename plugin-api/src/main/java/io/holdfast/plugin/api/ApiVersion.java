package io.holdfast.plugin.api;

/**
 * A version of this plugin API. A minor version adds methods (with defaults) or records' optional parts;
 * a major version breaks plugins.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** The version of the API this jar defines; a host built against it offers exactly this version. */
    public static final ApiVersion CURRENT = new ApiVersion(1, 3);

    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor);
        }
    }

    /** Parses {@code "1.2"}. */
    public static ApiVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("API version '" + text + "' is not of the form MAJOR.MINOR");
        }
        try {
            return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("API version '" + text + "' is not of the form MAJOR.MINOR", e);
        }
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
