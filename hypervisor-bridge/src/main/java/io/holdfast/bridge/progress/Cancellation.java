package io.holdfast.bridge.progress;

/** Lets a caller stop a long operation at any moment; the operation cleans up and throws {@link Cancelled}. */
public final class Cancellation {

    private volatile boolean cancelled;

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void check() {
        if (cancelled) {
            throw new Cancelled();
        }
    }

    /** The operation was cancelled and has cleaned up after itself. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled");
        }
    }
}
