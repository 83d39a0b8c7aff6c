package io.holdfast.backup.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one autocommitted statement again when InnoDB chose it as a deadlock's victim or it waited past
 * {@code innodb_lock_wait_timeout}. Several nodes write the job table at once (claims, heartbeats, progress, task
 * log lines, the catalog), and InnoDB may break a lock cycle among them by rolling one statement back; MariaDB's
 * advice is to run it again, which is safe because nothing of it remains. Without this a backup that had stored
 * its snapshot failed for one progress line (seen in CI).
 * <p>
 * Inside a transaction nothing is retried: InnoDB rolled back the whole transaction, not the statement, and only
 * the transaction's owner can start it again.
 */
public final class LockRetry {

    private static final Logger log = LoggerFactory.getLogger(LockRetry.class);

    private static final RetryTemplate RETRY = retryTemplate();

    private LockRetry() {
    }

    public static <T> T call(Supplier<T> statement) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return statement.get();
        }
        return RETRY.invoke(statement);
    }

    public static void run(Runnable statement) {
        call(() -> {
            statement.run();
            return null;
        });
    }

    private static RetryTemplate retryTemplate() {
        RetryTemplate template = new RetryTemplate(RetryPolicy.builder()
                .includes(PessimisticLockingFailureException.class)
                .maxRetries(5)
                .delay(Duration.ofMillis(20))
                .multiplier(3)
                .jitter(Duration.ofMillis(10))
                .maxDelay(Duration.ofSeconds(2))
                .build());
        template.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                // the message names the statement (placeholders only, no values) and InnoDB's reason
                log.info("A database statement lost a lock conflict; running it again ({})", state.getLastException().getMessage());
            }

            @Override
            public void onRetryPolicyExhaustion(RetryPolicy policy, Retryable<?> retryable, org.springframework.core.retry.RetryException e) {
                log.warn("A database statement lost lock conflicts {} times in a row; giving up", e.getRetryCount() + 1);
            }
        });
        return template;
    }
}
