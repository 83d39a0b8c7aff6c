package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.JobEvents;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.Progress;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One job in the daemon's memory: its task log, latest progress and outcome. Readers long-poll
 * {@link #events(int, long)}; the job's thread wakes them on every line and at the end.
 */
final class DaemonJob implements JobEvents {

    private final Cancellation cancel = new Cancellation();
    private final List<Protocol.Line> lines = new ArrayList<>();
    private final Consumer<JobRecord> saver;
    private JobRecord record;
    private Progress progress;

    DaemonJob(JobRecord record, Consumer<JobRecord> saver) {
        this.record = record;
        this.saver = saver;
    }

    String id() {
        return record.id();
    }

    Cancellation cancellation() {
        return cancel;
    }

    synchronized JobRecord record() {
        return record;
    }

    @Override
    public synchronized void step(String message) {
        lines.add(new Protocol.Line(Protocol.Level.STEP, message));
        notifyAll();
    }

    @Override
    public synchronized void warn(String message) {
        lines.add(new Protocol.Line(Protocol.Level.WARN, message));
        notifyAll();
    }

    @Override
    public synchronized void progress(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void writing(Path file) {
        JobRecord updated;
        synchronized (this) {
            record = record.writing(file.toAbsolutePath().toString());
            updated = record;
        }
        saver.accept(updated);
    }

    void finish(Protocol.State state, String error, JsonNode result) {
        JobRecord updated;
        synchronized (this) {
            record = record.finished(state, error, false, result);
            updated = record;
            notifyAll();
        }
        saver.accept(updated);
    }

    synchronized Protocol.JobStatus status() {
        return new Protocol.JobStatus(record.id(), record.kind(), record.state(), progress, lines.size(), record.error(),
                record.interrupted(), record.result());
    }

    /** The lines from {@code from} on, waiting up to {@code waitMillis} for one when there is none yet and the job runs. */
    synchronized Protocol.Events events(int from, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        int start = Math.max(0, Math.min(from, lines.size()));
        while (start >= lines.size() && !record.state().finished()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        List<Protocol.Line> page = List.copyOf(lines.subList(start, Math.min(lines.size(), start + 500)));
        return new Protocol.Events(status(), page, start + page.size());
    }

    /** A job known only from its file (finished before a restart, or failed by the cleanup after a crash). */
    static Protocol.Events fromRecord(JobRecord record, int from) {
        List<Protocol.Line> lines = new ArrayList<>();
        if (record.interrupted() && from == 0) {
            lines.add(new Protocol.Line(Protocol.Level.WARN, record.error()));
        }
        Protocol.JobStatus status = new Protocol.JobStatus(record.id(), record.kind(), record.state(), null, lines.size(),
                record.error(), record.interrupted(), record.result());
        return new Protocol.Events(status, lines, from + lines.size());
    }
}
