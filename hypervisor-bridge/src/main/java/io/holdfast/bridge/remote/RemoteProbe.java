package io.holdfast.bridge.remote;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

/**
 * Checks a storage configuration end to end before an admin saves it: connects, writes a test object,
 * reads it back, lists, deletes, and measures throughput. Never throws for a remote problem: the result
 * says in one sentence what is wrong.
 */
public final class RemoteProbe {

    private static final int PROBE_BYTES = 8 << 20;

    /**
     * @param ok                 whether everything worked
     * @param message            "OK" or the one sentence naming what is wrong
     * @param serverFingerprint  what to pin on first use: for SFTP the host key's fingerprint, for FTPS and
     *                           S3 with an https endpoint the certificate's; null for other remotes
     */
    public record Result(boolean ok, String message, double writeMBps, double readMBps, String serverFingerprint) {
    }

    private RemoteProbe() {
    }

    public static Result probe(RemoteConfig config) {
        String fingerprint = null;
        try {
            config.validate();
            if (config instanceof RemoteConfig.Sftp sftp) {
                fingerprint = Remotes.sftpHostKeyFingerprint(sftp);
            } else if (config instanceof RemoteConfig.Ftp ftp && ftp.security() != RemoteConfig.FtpSecurity.NONE) {
                fingerprint = Remotes.ftpsCertificateFingerprint(ftp);
            } else if (config instanceof RemoteConfig.S3 s3 && s3.endpoint() != null && "https".equals(s3.endpoint().getScheme())) {
                fingerprint = Remotes.s3CertificateFingerprint(s3);
            }
            try (Remote remote = Remotes.openBare(config)) {
                byte[] data = new byte[PROBE_BYTES];
                new Random().nextBytes(data);
                String path = "holdfast-probe-" + UUID.randomUUID(); // no leading dot: FTP listings hide those
                long t0 = System.nanoTime();
                remote.put(path, data);
                remote.sync();
                long t1 = System.nanoTime();
                byte[] back = remote.get(path);
                long t2 = System.nanoTime();
                boolean listed = remote.list("").stream().anyMatch(e -> e.name().equals(path));
                remote.delete(path);
                if (!Arrays.equals(data, back)) {
                    return new Result(false, "the test object read back differs from what was written", 0, 0, fingerprint);
                }
                if (!listed) {
                    return new Result(false, "the test object was written but the listing does not show it", 0, 0, fingerprint);
                }
                if (remote.stat(path).isPresent()) {
                    return new Result(false, "the test object could not be deleted", 0, 0, fingerprint);
                }
                return new Result(true, "OK", PROBE_BYTES / 1e6 / ((t1 - t0) / 1e9), PROBE_BYTES / 1e6 / ((t2 - t1) / 1e9), fingerprint);
            }
        } catch (ConfigException e) {
            return new Result(false, e.getMessage(), 0, 0, fingerprint);
        } catch (RemoteException e) {
            return new Result(false, e.getMessage(), 0, 0, fingerprint);
        }
    }
}
