package io.holdfast.backup.job.ui;

import io.holdfast.backup.job.Job;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The newest run of each row of a page (a mirror's, a sequence's), re-read when jobs change. The page redraws
 * its rows only when a run changed (state, phase or progress), so a button is never replaced under the pointer
 * for nothing.
 */
public final class LastRuns {

    private Map<Long, Optional<Job>> runs = new HashMap<>();

    public Optional<Job> of(long id) {
        return runs.getOrDefault(id, Optional.empty());
    }

    /** The run's state for a {@code data-state} attribute: NONE when it never ran. */
    public String state(long id) {
        return of(id).map(j -> j.state().name()).orElse("NONE");
    }

    /** The run's job id for a {@code data-job} attribute, or empty. */
    public String jobId(long id) {
        return of(id).map(j -> Long.toString(j.id())).orElse("");
    }

    /** Re-reads the runs of {@code ids}; true when one of them changed. */
    public boolean refresh(Collection<Long> ids, LongFunction<Optional<Job>> lastRun) {
        Map<Long, Optional<Job>> fresh = new HashMap<>();
        for (long id : ids) {
            fresh.put(id, lastRun.apply(id));
        }
        boolean changed = !fingerprint(fresh).equals(fingerprint(runs));
        runs = fresh;
        return changed;
    }

    private static Map<Long, String> fingerprint(Map<Long, Optional<Job>> runs) {
        Map<Long, String> f = new HashMap<>();
        runs.forEach((id, j) -> f.put(id, j.map(x -> x.id() + "|" + x.state() + "|" + x.phase() + "|" + x.percent()).orElse("")));
        return f;
    }
}
