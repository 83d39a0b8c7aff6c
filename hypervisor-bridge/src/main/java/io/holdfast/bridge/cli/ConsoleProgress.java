package io.holdfast.bridge.cli;

import io.holdfast.bridge.progress.Progress;
import io.holdfast.bridge.progress.ProgressListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** A progress bar on standard error: redrawn in place on a terminal, one line every 5 s otherwise. */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out = System.err;
    private final boolean terminal = System.console() != null;
    private long lastLine;

    @Override
    public synchronized void onProgress(Progress p) {
        long now = System.nanoTime();
        if (!terminal && now - lastLine < 5_000_000_000L && p.bytesDone() < p.bytesTotal()) {
            return;
        }
        lastLine = now;
        int width = 30;
        int filled = (int) (p.percent() / 100 * width);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String eta = p.eta().map(ConsoleProgress::format).orElse("--");
        String line = String.format(Locale.ROOT, "%-24s [%s] %5.1f%%  %s / %s  %6.1f MB/s  ETA %s", p.phase(), bar, p.percent(),
                size(p.bytesDone()), size(p.bytesTotal()), p.bytesPerSecond() / 1e6, eta);
        out.print(terminal ? "\r" + line : line + "\n");
        out.flush();
    }

    synchronized void done() {
        if (terminal) {
            out.println();
        }
    }

    static String size(long bytes) {
        return io.holdfast.bridge.progress.ByteSizes.human(bytes);
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? "%dh%02dm".formatted(s / 3600, s / 60 % 60) : "%dm%02ds".formatted(s / 60, s % 60);
    }
}
