package io.holdfast.it;

import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.backup.database.LockRetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real InnoDB deadlock on the host's MariaDB between a transaction and an autocommitted statement (the shape of
 * a claim on one node against a progress or task-log write on another): InnoDB rolls back the statement, the
 * lighter of the two. Run through {@link LockRetry} it runs again and succeeds; run bare it fails, as a backup
 * failed in CI for one such line. Inside a transaction nothing is retried: the whole transaction was rolled back.
 */
class LockRetryIT {

    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool();

    private static RunningHost host;
    private static JdbcClient jdbc;
    private static TransactionTemplate tx;

    @BeforeAll
    static void start() throws Exception {
        host = RunningHost.start(RunningHost.newDataDir(), "--holdfast.initial-admin-password=" + RunningHost.ADMIN_PASSWORD);
        HikariDataSource dataSource = host.bean(HikariDataSource.class);
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void table() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS lock_probe (id INT PRIMARY KEY, v INT NOT NULL, pad VARCHAR(100))").update();
        jdbc.sql("DELETE FROM lock_probe").update();
        jdbc.sql("INSERT INTO lock_probe (id, v) VALUES (1, 0), (2, 0)").update();
    }

    @Test
    void aDeadlockVictimStatementRunsAgainAndSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Integer> victim = deadlockAgainst(() -> LockRetry.call(() -> {
            attempts.incrementAndGet();
            return updateBothRows();
        }));
        assertThat(victim.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(attempts.get()).as("the statement lost the deadlock once, then ran again").isEqualTo(2);
        assertThat(jdbc.sql("SELECT SUM(v) FROM lock_probe WHERE id IN (1, 2)").query(Integer.class).single())
                .as("both the transaction's and the statement's updates are there, once each").isEqualTo(1 + 10 + 10);
    }

    @Test
    void withoutTheRetryTheSameStatementFails() {
        CompletableFuture<Integer> victim = deadlockAgainst(LockRetryIT::updateBothRows);
        assertThat(victim).failsWithin(60, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().withMessageContaining("Deadlock");
        assertThatThrownBy(victim::join).hasCauseInstanceOf(PessimisticLockingFailureException.class);
    }

    @Test
    void insideATransactionNothingIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Integer> victim = deadlockAgainst(() -> tx.execute(s -> LockRetry.call(() -> {
            attempts.incrementAndGet();
            return updateBothRows();
        })));
        assertThat(victim).failsWithin(60, TimeUnit.SECONDS);
        assertThat(attempts.get()).isEqualTo(1);
    }

    private static int updateBothRows() {
        // locks row 1, then waits for row 2
        return jdbc.sql("UPDATE lock_probe SET v = v + 10 WHERE id IN (1, 2) ORDER BY id").update();
    }

    /**
     * Runs {@code statement} on another thread into a cycle with a transaction that holds row 2 and then wants
     * row 1. The transaction first writes many rows, so InnoDB, which rolls back the lighter side, picks the statement.
     */
    private static CompletableFuture<Integer> deadlockAgainst(java.util.function.Supplier<Integer> statement) {
        CountDownLatch holdsRow2 = new CountDownLatch(1);
        // own threads: the common pool has one thread on 2 cores, and the two sides must run at once
        CompletableFuture<Void> heavy = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            for (int i = 100; i < 300; i++) {
                jdbc.sql("INSERT INTO lock_probe (id, v, pad) VALUES (?, 0, REPEAT('x', 100))").param(i).update();
            }
            jdbc.sql("UPDATE lock_probe SET v = v + 1 WHERE id = 2").update();
            holdsRow2.countDown();
            awaitWaiter();
            jdbc.sql("UPDATE lock_probe SET v = v WHERE id = 1").update(); // closes the cycle
        }), THREADS);
        try {
            assertThat(holdsRow2.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<Integer> victim = CompletableFuture.supplyAsync(statement, THREADS);
        heavy.join();
        return victim;
    }

    /** Until the statement is in the server, holding row 1 and waiting for row 2. */
    private static void awaitWaiter() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Integer inServer = jdbc.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                    + "WHERE INFO LIKE 'UPDATE lock_probe SET v = v + 10%'").query(Integer.class).single();
            try {
                if (inServer > 0) {
                    Thread.sleep(300); // it locks row 1 at once, then waits for row 2 until the cycle closes
                    return;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the statement never waited for the transaction's row");
    }
}
