package io.holdfast.backup.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells open views that the jobs they show changed, so they can push the change to the browser. Once a
 * second, while anyone listens, one query reads every waiting, running and just-ended job (of every node:
 * the database is where progress lands); a listener is called only when what it watches changed. The
 * feed says only "look again": the view then asks the service, which checks the caller's tenant as ever.
 */
public final class JobFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobFeed.class);

    /** A way to stop listening. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final JobRepository repository;
    private final Map<Listener, Integer> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("holdfast-job-feed").daemon().factory());

    private final class Listener {
        final Long instanceId;
        final boolean progress;
        final Runnable onChange;

        Listener(Long instanceId, boolean progress, Runnable onChange) {
            this.instanceId = instanceId;
            this.progress = progress;
            this.onChange = onChange;
        }
    }

    JobFeed(JobRepository repository) {
        this.repository = repository;
        ticks.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Calls {@code onChange} (on the feed's thread) whenever a job of the instance is queued or changes state,
     * and with {@code progress} also when its progress moves; {@code instanceId} null watches every job.
     */
    public Subscription watch(Long instanceId, boolean progress, Runnable onChange) {
        Listener listener = new Listener(instanceId, progress, Objects.requireNonNull(onChange));
        listeners.put(listener, Integer.MIN_VALUE);
        return () -> listeners.remove(listener);
    }

    private void tick() {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            List<JobPulse> pulse = repository.pulse();
            for (Map.Entry<Listener, Integer> e : listeners.entrySet()) {
                Listener l = e.getKey();
                int seen = pulse.stream().filter(p -> l.instanceId == null || p.touches(l.instanceId))
                        .mapToInt(p -> Long.hashCode(p.id()) * 31 + (l.progress ? p.shown() : p.state()).hashCode()).reduce(17, (a, b) -> a * 37 + b);
                // the first tick notifies too: the view read its jobs before it subscribed, and a job that
                // changed in between (one ending as the user opened the tab) would otherwise stay stale until
                // the next change — up to half a minute, when the ended job leaves the pulse
                if (seen != e.getValue() && listeners.replace(l, e.getValue(), seen)) {
                    notify(l);
                }
            }
        } catch (RuntimeException e) {
            log.warn("The job feed could not read the jobs, will try again: {}", e.getMessage());
        }
    }

    private static void notify(Listener l) {
        try {
            l.onChange.run();
        } catch (RuntimeException e) {
            log.debug("A job feed listener failed", e);
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
