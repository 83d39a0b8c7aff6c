package io.holdfast.plugin.api;

import java.util.Objects;

/**
 * A half-open range of API versions, {@code [min, maxExclusive)}, written as in Maven: {@code "[1.0,2.0)"}.
 */
public record ApiRange(ApiVersion min, ApiVersion maxExclusive) {

    public ApiRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(maxExclusive, "maxExclusive");
        if (min.compareTo(maxExclusive) >= 0) {
            throw new IllegalArgumentException("empty API range [" + min + "," + maxExclusive + ")");
        }
    }

    /** Every minor version of {@code version}'s major, from {@code version} on. */
    public static ApiRange compatibleWith(ApiVersion version) {
        return new ApiRange(version, new ApiVersion(version.major() + 1, 0));
    }

    public static ApiRange parse(String text) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith(")") || !t.contains(",")) {
            throw new IllegalArgumentException("API range '" + text + "' is not of the form [MIN,MAX)");
        }
        String[] bounds = t.substring(1, t.length() - 1).split(",", 2);
        return new ApiRange(ApiVersion.parse(bounds[0]), ApiVersion.parse(bounds[1]));
    }

    public boolean contains(ApiVersion version) {
        return version.compareTo(min) >= 0 && version.compareTo(maxExclusive) < 0;
    }

    @Override
    public String toString() {
        return "[" + min + "," + maxExclusive + ")";
    }
}
