package io.holdfast.backup.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobLogTest {

    /** Belt and braces: even a message that quotes a secret (e.g. from a server's reply) never reaches the task log. */
    @Test
    void theJobsOwnSecretsAreRedactedFromEveryLine() {
        JobLog log = new JobLog(null, 1);
        log.redact("hunter2-secret", null, "ab", "datastore-key-base64==");
        assertThat(log.redacted("login as u:hunter2-secret failed; key datastore-key-base64== wrong"))
                .isEqualTo("login as u:[redacted] failed; key [redacted] wrong");
        assertThat(log.redacted("ab stays: too short to be a secret")).isEqualTo("ab stays: too short to be a secret");
    }
}
