package io.holdfast.bridge.progress;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The steps a long operation takes that its caller cannot see — commands it runs with their arguments and
 * exit codes, libvirt calls that change something — reported to whoever runs it (a job's task log). Bound
 * to the running thread with a scoped value: the engines start such steps on the caller's thread, and code
 * called outside any job reports to nobody.
 */
public final class Steps {

    private static final ScopedValue<Consumer<String>> LISTENER = ScopedValue.newInstance();

    private Steps() {
    }

    /** Runs {@code work} with {@code listener} receiving the steps it reports. */
    public static <T> T reportingTo(Consumer<String> listener, Supplier<T> work) {
        return ScopedValue.where(LISTENER, listener).call(work::get);
    }

    /** One step, e.g. {@code "qemu-img create -f qcow2 … → exit 0 (41 ms)"}; never a secret. */
    public static void report(String step) {
        if (LISTENER.isBound()) {
            LISTENER.get().accept(step);
        }
    }
}
