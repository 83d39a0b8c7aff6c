package io.holdfast.bridge.agent;

/**
 * @param message           "OK" or one sentence naming what is wrong
 * @param serverFingerprint the SFTP host key's or TLS certificate's fingerprint to pin, or null
 */
public record ProbeReport(boolean ok, String message, double writeMBps, double readMBps, String serverFingerprint) {
}
