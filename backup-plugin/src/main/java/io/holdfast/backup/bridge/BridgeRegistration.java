package io.holdfast.backup.bridge;

import java.time.Instant;

/**
 * A hypervisor's registered bridge daemon, as the admin sees it (the token stays sealed in the database).
 *
 * @param checkOk      the last Test's verdict, or null when never tested
 * @param checkMessage the last Test's sentence
 */
public record BridgeRegistration(long hypervisorId, String url, String fingerprint, Instant registeredAt, Instant checkedAt,
                                 Boolean checkOk, String checkMessage) {
}
