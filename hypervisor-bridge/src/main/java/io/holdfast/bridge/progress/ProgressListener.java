package io.holdfast.bridge.progress;

/** Receives progress of a long operation; called from worker threads, at most a few times a second. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = p -> {
    };

    void onProgress(Progress progress);
}
