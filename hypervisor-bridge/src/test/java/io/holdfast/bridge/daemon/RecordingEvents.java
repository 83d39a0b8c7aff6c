package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.JobEvents;
import io.holdfast.bridge.progress.Progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A task log as the master keeps one: every line in order, and a latch for the first progress report. */
class RecordingEvents implements JobEvents {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch progressed = new CountDownLatch(1);
    volatile Progress last;

    @Override
    public void step(String message) {
        lines.add("step " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("warn " + message);
    }

    @Override
    public void progress(Progress progress) {
        last = progress;
        if (progress.bytesDone() > 0) {
            progressed.countDown();
        }
    }
}
