package io.holdfast.bridge.agent;

import io.holdfast.bridge.progress.Progress;

/** What a bridge reports while it works: task-log lines (never secrets) and progress. */
public interface JobEvents {

    JobEvents NONE = new JobEvents() {
        @Override
        public void step(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void progress(Progress progress) {
        }
    };

    /** A step done or begun: a libvirt call, a command with its arguments, a decision. */
    void step(String message);

    void warn(String message);

    void progress(Progress progress);

    /**
     * A file the operation is about to create that a crash would leave half-written (a new instance's image):
     * a daemon notes it so its cleanup after a crash can remove it.
     */
    default void writing(java.nio.file.Path file) {
    }
}
