package io.holdfast.it;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * For a benchmark: where a view's time goes between a click and its first rows — how many of Vaadin's
 * round trips ran inside that window, how long the server took to answer them (request sent → first byte of
 * the answer, from Chromium's own timing) and how much they carried. The rest of the window is the browser.
 */
final class RoundTrips {

    private record Window(String label, double startMs, double endMs) {
    }

    private record Trip(double startMs, double serverMs, long bytes, String sent) {
    }

    /** {@code -Droundtrips.each=true}: print every round trip of every window, with what the browser sent. */
    private static final boolean EACH = Boolean.getBoolean("roundtrips.each");

    private final List<Trip> trips = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();
    private String label;
    private double start;

    RoundTrips(Page page) {
        page.onRequestFinished(request -> {
            if (request.url().contains("v-r=uidl")) {
                record(request);
            }
        });
    }

    private void record(Request request) {
        var timing = request.timing();
        long bytes = request.sizes().responseBodySize;
        synchronized (trips) {
            trips.add(new Trip(timing.startTime, timing.responseStart - timing.requestStart, bytes,
                    EACH ? String.valueOf(request.postData()) : ""));
        }
    }

    /** The measured window of {@code what} starts now (and the previous one, if any, ends). */
    void start(String what) {
        stop();
        label = what;
        start = System.currentTimeMillis();
    }

    /** The measured window ends now: its first rows are shown. */
    void stop() {
        if (label != null) {
            windows.add(new Window(label, start, System.currentTimeMillis()));
            label = null;
        }
    }

    /** Forgets the windows so far (a warm-up round). */
    void forget() {
        stop();
        windows.clear();
    }

    /** Prints, per view, the medians of its windows: round trips, server time, bytes. */
    void print() {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        synchronized (trips) {
            for (Window w : windows) {
                StringBuilder each = new StringBuilder();
                int count = 0;
                double server = 0;
                double bytes = 0;
                for (Trip t : trips) {
                    if (t.startMs >= w.startMs && t.startMs <= w.endMs) {
                        count++;
                        server += t.serverMs;
                        bytes += t.bytes;
                        each.append(String.format(Locale.ROOT, " +%.0f:%.0fms/%dB", t.startMs - w.startMs, t.serverMs, t.bytes));
                        if (EACH) {
                            each.append(" [").append(t.sent.length() > 400 ? t.sent.substring(0, 400) : t.sent).append("]\n");
                        }
                    }
                }
                if (EACH) {
                    System.out.printf(Locale.ROOT, "| trips of %s (%.0f ms from %.0f):%s%n", w.label, w.endMs - w.startMs, w.startMs, each);
                }
                byLabel.computeIfAbsent(w.label, k -> new ArrayList<>()).add(new double[]{count, server, bytes});
            }
        }
        System.out.printf(Locale.ROOT, "%n| where the time went (median of the runs) | round trips | server ms (request sent → answer starts) | KiB answered |%n|---|---|---|---|%n");
        byLabel.forEach((what, runs) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f |%n", what,
                median(runs, 0), median(runs, 1), median(runs, 2) / 1024));
    }

    private static double median(List<double[]> runs, int column) {
        return runs.stream().mapToDouble(r -> r[column]).sorted().toArray()[runs.size() / 2];
    }
}
