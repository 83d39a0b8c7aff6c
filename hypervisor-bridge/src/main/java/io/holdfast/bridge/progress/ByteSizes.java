package io.holdfast.bridge.progress;

import java.util.Locale;

/** Byte counts as people read them (binary units), for the CLI, task logs and the web UI alike. */
public final class ByteSizes {

    private ByteSizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1 << 10) {
            return bytes + " B";
        }
        if (bytes < 1 << 20) {
            return (bytes >> 10) + " KiB";
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }
}
