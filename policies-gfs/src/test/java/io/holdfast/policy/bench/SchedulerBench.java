package io.holdfast.policy.bench;

import io.holdfast.policy.retention.BackupPoint;
import io.holdfast.policy.retention.GfsRetention;
import io.holdfast.policy.retention.RetentionDecision;
import io.holdfast.policy.retention.RetentionPresets;
import io.holdfast.policy.schedule.BackupPlanner;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.ChainState;
import io.holdfast.policy.schedule.Plan;
import io.holdfast.policy.schedule.Schedule;
import io.holdfast.policy.schedule.Slot;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test (run by {@code bench/scheduler}; surefire's patterns never pick it): 10,000 instances,
 * each with a year of history under a weekly full read and incrementals every 6 hours (1,460 backups each,
 * 14.6 million in all). Prints the CPU seconds of one tick's planning (which slots are due, full read or
 * incremental, for every instance) and of one full retention pass ("7 daily, 4 weekly, 12 monthly, 3
 * yearly" over every instance's history). Goal: under 1 s each.
 */
class SchedulerBench {

    static final int INSTANCES = 10_000;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void tickPlanningAndRetentionPass() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Schedule schedule = new Schedule(DayOfWeek.SUNDAY, LocalTime.of(1, 0), 6, BackupWindow.ALL_DAY, ZONE);
        Instant now = Instant.parse("2026-11-30T13:00:30Z");
        Instant yearAgo = now.minus(Duration.ofDays(365));
        List<Slot> year = schedule.between(yearAgo, now);
        GfsRetention retention = new GfsRetention(RetentionPresets.gfs(ZONE));

        // warm-up (the JIT), then ROUNDS measured rounds: the median, with the range (the JIT and the collector make
        // single rounds vary by 2x on this machine kind)
        int rounds = Integer.getInteger("rounds", 5);
        List<double[]> measured = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            int due = 0;
            int full = 0;
            for (int i = 0; i < INSTANCES; i++) {
                // each instance's last queued slot lies 0-59 minutes back, as after a minute tick of a running scheduler
                Instant last = now.minus(Duration.ofMinutes(i % 60)).minus(Duration.ofHours(i % 7));
                List<Slot> slots = schedule.between(last, now);
                if (!slots.isEmpty()) {
                    due++;
                    Plan plan = BackupPlanner.plan(slots.getLast().kind(), new ChainState(true, i % 8, true), 6);
                    full += plan.fullRead() ? 1 : 0;
                }
            }
            double tickSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;

            // every instance has the same history here; the catalog's rows are read outside the pass
            List<BackupPoint> history = new ArrayList<>(year.size());
            for (int s = 0; s < year.size(); s++) {
                history.add(new BackupPoint(Integer.toString(s), year.get(s).at(), s % 97 == 0));
            }
            start = cpu.getCurrentThreadCpuTime();
            long kept = 0;
            long decided = 0;
            for (int i = 0; i < INSTANCES; i++) {
                List<RetentionDecision> decisions = retention.decide(history);
                decided += decisions.size();
                kept += decisions.stream().filter(RetentionDecision::keep).count();
            }
            double retentionSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;

            // the same with one backup a day (365 each)
            List<BackupPoint> daily = new ArrayList<>();
            for (Slot slot : new Schedule(null, LocalTime.of(1, 0), 0, BackupWindow.ALL_DAY, ZONE).between(yearAgo, now)) {
                daily.add(new BackupPoint(slot.at().toString(), slot.at(), false));
            }
            start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < INSTANCES; i++) {
                retention.decide(daily);
            }
            double dailySeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            if (round > 0) {
                measured.add(new double[]{tickSeconds, retentionSeconds, dailySeconds});
            }
            if (round == rounds) {
                tickSeconds = median(measured, 0);
                retentionSeconds = median(measured, 1);
                dailySeconds = median(measured, 2);
                System.out.printf(Locale.ROOT, "(medians of %d rounds; retention pass %.2f-%.2f s, daily pass %.2f-%.2f s)%n", rounds,
                        min(measured, 1), max(measured, 1), min(measured, 2), max(measured, 2));
                System.out.printf(Locale.ROOT, "%n| %,d instances, a year each (%,d backups in all) | CPU seconds |%n|---|---|%n"
                                + "| one tick's planning (%,d due, %,d of them full reads) | %.2f |%n"
                                + "| one retention pass (7 daily, 4 weekly, 12 monthly, 3 yearly; %,d kept) | %.2f |%n"
                                + "| the same pass over a year of daily backups (%,d in all) | %.2f |%n",
                        INSTANCES, decided, due, full, tickSeconds, kept, retentionSeconds, (long) INSTANCES * daily.size(), dailySeconds);
            }
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    private static double min(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).min().orElse(0);
    }

    private static double max(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).max().orElse(0);
    }
}
