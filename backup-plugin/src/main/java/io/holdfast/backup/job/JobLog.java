package io.holdfast.backup.job;

import io.holdfast.bridge.agent.JobEvents;
import io.holdfast.bridge.progress.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * A running job's task log and progress. Every line passes through redaction of the job's own secrets
 * (belt and braces: no code path should print one), each step records how long it took since the last,
 * and progress is written at most once a second.
 */
final class JobLog implements JobEvents {

    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final JobRepository repository;
    private final long jobId;
    private final List<String> secrets = new ArrayList<>();
    private long lastStep = System.nanoTime();
    private long lastProgress;

    JobLog(JobRepository repository, long jobId) {
        this.repository = repository;
        this.jobId = jobId;
    }

    /** Values that must never reach the log, e.g. the storage's password and the datastore key. */
    void redact(String... values) {
        for (String v : values) {
            if (v != null && v.length() >= 4) {
                secrets.add(v);
            }
        }
    }

    @Override
    public synchronized void step(String message) {
        write("INFO", message);
    }

    @Override
    public synchronized void warn(String message) {
        write("WARN", message);
    }

    synchronized void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        long now = System.nanoTime();
        repository.log(jobId, level, redacted(message), (now - lastStep) / 1_000_000);
        lastStep = now;
    }

    String redacted(String message) {
        String m = message == null ? "" : message;
        for (String s : secrets) {
            m = m.replace(s, "[redacted]");
        }
        return m;
    }

    @Override
    public void progress(Progress p) {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastProgress < PROGRESS_INTERVAL_NANOS && p.bytesDone() < p.bytesTotal()) {
                return;
            }
            lastProgress = now;
        }
        repository.progress(jobId, p.phase(), p.percent(), p.bytesDone(), p.bytesTotal(), p.bytesPerSecond(),
                p.eta().map(d -> d.toSeconds()).orElse(null));
    }
}
