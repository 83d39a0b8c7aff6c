package io.holdfast.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark, not a test (run by {@code bench/ui-catalog}; the suite never runs it): the shipped product with
 * 100,000 snapshots and 100,000 jobs holding 1,000,000 task-log lines in its catalog. Prints, as Markdown,
 * the time from asking for the page until the first rows show in Chromium: the admin's Jobs page, an
 * instance's Backups tab, and the Backups grid scrolled to its oldest row. Median of 11, after a warm-up round not counted.
 */
class CatalogUiBench {

    static final int SNAPSHOTS = 100_000;
    static final int JOBS = 100_000;
    static final int LINES_PER_JOB = 10;
    static final int RUNS = 11;

    @Test
    void timeToFirstRowsWithALargeCatalog() throws Exception {
        try (TestVm vm = TestVm.create(8L << 20); ShippedHost host = ShippedHost.start(); Browser browser = new Browser(host.baseUrl())) {
            long instance;
            long fill = System.nanoTime();
            try (Connection db = host.database(); Statement st = db.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT id FROM host_instance WHERE name = '" + vm.name() + "'")) {
                    rs.next();
                    instance = rs.getLong(1);
                }
                st.execute("INSERT INTO backup_storage (name, kind, settings) VALUES ('bench', 'LOCAL', '{\"kind\":\"LOCAL\",\"path\":\"/nonexistent\"}')");
                st.execute("INSERT INTO backup_snapshot (storage_id, instance_id, tenant_id, instance_uuid, snapshot_name, kind, disks, "
                        + "disk_bytes, bytes_read, bytes_stored, duration_ms, created_at, job_id) "
                        + "SELECT (SELECT MAX(id) FROM backup_storage), " + instance + ", NULL, '" + vm.uuid() + "', CONCAT('s', seq), "
                        + "IF(seq % 7 = 1, 'FULL', 'INCREMENTAL'), 'vda', 8388608, 1048576, 65536 + seq, 1200 + seq % 500, "
                        + "TIMESTAMP('2015-01-01') + INTERVAL seq HOUR, seq FROM seq_1_to_" + SNAPSHOTS);
                st.execute("INSERT INTO backup_job (kind, state, instance_id, hypervisor_id, storage_id, params, requested_by, "
                        + "created_at, started_at, finished_at) SELECT 'BACKUP', 'SUCCEEDED', " + instance + ", 1, "
                        + "(SELECT MAX(id) FROM backup_storage), '{\"fullRead\":false,\"allDisks\":false}', 'bench', "
                        + "TIMESTAMP('2015-01-01') + INTERVAL seq HOUR, TIMESTAMP('2015-01-01') + INTERVAL seq HOUR, "
                        + "TIMESTAMP('2015-01-01') + INTERVAL seq HOUR + INTERVAL 2 SECOND FROM seq_1_to_" + JOBS);
                st.execute("INSERT INTO backup_task_log (job_id, level, message, duration_ms) SELECT j.id, 'INFO', "
                        + "CONCAT('step ', s.seq, ' of job ', j.id), s.seq FROM backup_job j JOIN seq_1_to_" + LINES_PER_JOB + " s");
                st.execute("ANALYZE TABLE backup_snapshot, backup_job, backup_task_log");
            }
            double fillSeconds = (System.nanoTime() - fill) / 1e9;
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("Backups page 1", "SELECT * FROM backup_snapshot WHERE instance_id = " + instance
                    + " ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 0");
            queries.put("Backups count", "SELECT COUNT(*) FROM backup_snapshot WHERE instance_id = " + instance);
            queries.put("Backups last page (plain OFFSET)", "SELECT * FROM backup_snapshot WHERE instance_id = " + instance
                    + " ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET " + (SNAPSHOTS - 50));
            queries.put("Backups last page (deferred join, as the catalog does)", "SELECT s.* FROM backup_snapshot s JOIN (SELECT id "
                    + "FROM backup_snapshot WHERE instance_id = " + instance + " ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET "
                    + (SNAPSHOTS - 50) + ") page ON page.id = s.id ORDER BY s.created_at DESC, s.id DESC");
            queries.put("Instance jobs page 1", "SELECT * FROM ((SELECT * FROM backup_job WHERE instance_id = " + instance
                    + " ORDER BY id DESC LIMIT 50) UNION (SELECT * FROM backup_job WHERE target_instance_id = " + instance
                    + " ORDER BY id DESC LIMIT 50)) j ORDER BY id DESC LIMIT 50 OFFSET 0");
            queries.put("All jobs page 1", "SELECT * FROM backup_job WHERE 1 = 1 ORDER BY id DESC LIMIT 50 OFFSET 0");
            queries.put("All jobs count", "SELECT COUNT(*) FROM backup_job WHERE 1 = 1");
            queries.put("Task log of a job", "SELECT at, level, message, duration_ms FROM backup_task_log WHERE job_id = 50000 ORDER BY id");
            Map<String, Double> queryMs = new LinkedHashMap<>();
            try (Connection db = host.database(); Statement st = db.createStatement()) {
                for (var q : queries.entrySet()) {
                    List<Double> times = new ArrayList<>();
                    for (int i = 0; i < RUNS; i++) {
                        long t = System.nanoTime();
                        try (ResultSet rs = st.executeQuery(q.getValue())) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                        times.add(ms(t));
                    }
                    Collections.sort(times);
                    queryMs.put(q.getKey(), times.get(times.size() / 2));
                }
            }

            Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
            RoundTrips trips = new RoundTrips(admin);
            Timings floor = new Timings();
            Timings overviewTab = new Timings();
            Timings jobsPage = new Timings();
            Timings backupsTab = new Timings();
            Timings oldest = new Timings();
            // one round first, not counted: a server in use has its code compiled (the first round ran 2-3x slower)
            for (int run = -1; run < RUNS; run++) {
                if (run == 0) {
                    List.of(floor, overviewTab, jobsPage, backupsTab, oldest).forEach(Timings::clear);
                    trips.forget();
                }
                // in-app navigation, as a user moves between pages: a click in the menu, no page load
                admin.navigate(host.baseUrl() + "/admin/users");
                firstRow(admin.locator("#users vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("admin")));
                trips.start("floor page");
                floor.add(clickUntilShown(admin, admin.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Tenants")),
                        "#tenants vaadin-grid-cell-content", "Provider"));

                trips.start("Jobs page");
                jobsPage.add(clickUntilShown(admin, admin.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Backup Jobs")),
                        "#all-jobs vaadin-grid-cell-content", "bench"));
                trips.stop();

                browser.open(admin, "/instances/" + instance);
                trips.start("floor tab");
                overviewTab.add(clickUntilShown(admin, admin.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Overview")).first(),
                        "#instance-tabs p", "Domain UUID"));
                trips.start("Backups tab");
                backupsTab.add(clickUntilShown(admin, admin.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Backups")).first(),
                        "#snapshots vaadin-grid-cell-content", "incremental"));
                trips.stop();

                trips.start("scroll to the oldest");
                long t = System.nanoTime();
                admin.locator("#snapshots").evaluate("g => g.scrollToIndex(" + (SNAPSHOTS - 1) + ")");
                firstRow(admin.locator("#snapshots vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("2015-01-01 01:00")));
                oldest.add(new double[]{ms(t), Double.NaN});
                trips.stop();
            }
            Browser.screenshot(admin, "bench-large-catalog");
            System.out.printf(Locale.ROOT, "%n| catalog: %,d snapshots, %,d jobs, %,d task-log lines (filled in %.1f s); median of %d "
                    + "| in the page: click → rows drawn | from the test: Playwright's click → its locator sees the rows | runs, in the page / from the test (ms) |%n"
                    + "|---|---|---|---|%n", SNAPSHOTS, JOBS, JOBS * LINES_PER_JOB, fillSeconds, RUNS);
            row("floor: the host's Tenants page (no plugin): menu click → first rows", floor);
            row("Jobs page (admin): menu click → first rows", jobsPage);
            row("floor: the instance's Overview tab (no plugin): click → shown", overviewTab);
            row("Backups tab: click → first rows", backupsTab);
            row("Backups grid: scroll to the oldest of 100,000 → row shown", oldest);
            trips.print();
            System.out.printf(Locale.ROOT, "%n| query (MariaDB, over JDBC) | median ms |%n|---|---|%n");
            queryMs.forEach((q, t) -> System.out.printf(Locale.ROOT, "| %s | %.1f |%n", q, t));
        }
    }

    private static void firstRow(Locator cells) {
        cells.first().waitFor(new Locator.WaitForOptions().setTimeout(60_000));
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Clicks {@code target} and waits until a cell matching {@code cells} shows {@code text}. Returns two times: as the
     * page saw it (from the click event to the animation frame in which the rows are in the page, timed in the browser
     * by a frame-by-frame check installed before the click) and as the test saw it (Playwright's click, with its
     * checks that the target is visible and still, until its locator finds the rows: on this machine kind that adds
     * ~120-150 ms, see the Overview floor, which needs no server at all).
     */
    private static double[] clickUntilShown(Page page, Locator target, String cells, String text) {
        page.evaluate("""
                ([cells, text]) => {
                  window.__firstRows = new Promise(resolve => document.addEventListener('click', () => {
                    const clicked = performance.now();
                    const look = () => [...document.querySelectorAll(cells)]
                        .some(c => c.offsetParent !== null && c.textContent.includes(text))
                        ? resolve(performance.now() - clicked) : requestAnimationFrame(look);
                    requestAnimationFrame(look);
                  }, {capture: true, once: true}));
                }""", List.of(cells, text));
        long t = System.nanoTime();
        target.click();
        firstRow(page.locator(cells, new Page.LocatorOptions().setHasText(text)));
        double fromTest = ms(t);
        double inPage = ((Number) page.evaluate("() => window.__firstRows")).doubleValue();
        return new double[]{fromTest, inPage};
    }

    /** One view's measured runs: {from the test, in the page}. */
    private static final class Timings {
        private final List<double[]> runs = new ArrayList<>();

        void add(double[] run) {
            runs.add(run);
        }

        void clear() {
            runs.clear();
        }

        double median(int which) {
            double[] sorted = runs.stream().mapToDouble(r -> r[which]).sorted().toArray();
            return sorted[sorted.length / 2];
        }

        /** Each run as "in the page / from the test" (the page's own time is missing for the scroll). */
        List<String> each() {
            return runs.stream().map(r -> Double.isNaN(r[1]) ? String.format(Locale.ROOT, "%.0f", r[0])
                    : String.format(Locale.ROOT, "%.0f/%.0f", r[1], r[0])).toList();
        }
    }

    private static void row(String what, Timings times) {
        double inPage = times.median(1);
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f ms | %s |%n", what,
                Double.isNaN(inPage) ? "–" : String.format(Locale.ROOT, "%.0f ms", inPage), times.median(0), times.each());
    }
}
