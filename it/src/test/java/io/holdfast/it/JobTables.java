package io.holdfast.it;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits on the backup plugin's job table, read straight from MariaDB. */
final class JobTables {

    private JobTables() {
    }

    /** Until no job is waiting or running; fails with the ones still active after {@code seconds}. */
    static void awaitNoActiveJobs(JdbcClient sql, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (sql.sql("SELECT COUNT(*) FROM backup_job WHERE state IN ('PENDING', 'RUNNING')").query(Long.class).single() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("jobs still active: " + sql.sql("SELECT id, kind, state, node FROM backup_job WHERE state IN "
                        + "('PENDING', 'RUNNING')").query().listOfRows());
            }
            Thread.sleep(200);
        }
    }
}
