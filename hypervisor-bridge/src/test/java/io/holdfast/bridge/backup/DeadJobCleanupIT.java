package io.holdfast.bridge.backup;

import io.holdfast.bridge.qemu.QemuNbdServer;
import io.holdfast.bridge.testing.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a backup whose process died leaves in its job folder: a real qemu-nbd still serving the image (the
 * process that started it is this test's, which then "forgets" it, as a killed node would) and the socket.
 * The cleanup stops that server and removes the folder; another job's server is left alone.
 */
class DeadJobCleanupIT {

    @TempDir
    Path work;

    @Test
    void theDeadJobsQemuNbdIsStoppedAndItsFolderRemovedButNoOtherJobsServer() throws Exception {
        Path image = work.resolve("disk.qcow2");
        Commands.run("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "16M");
        Files.createDirectories(work.resolve("holdfast-job-dead"));
        Files.createDirectories(work.resolve("holdfast-job-alive"));
        QemuNbdServer dead = QemuNbdServer.start(image, "qcow2", work.resolve("holdfast-job-dead/vda.sock"), true, Optional.empty());
        try (QemuNbdServer alive = QemuNbdServer.start(image, "qcow2", work.resolve("holdfast-job-alive/vda.sock"), true, Optional.empty())) {
            assertThat(serversIn("holdfast-job-")).hasSize(2);

            List<String> done = BackupEngine.removeJobFolder(work, "holdfast-job-dead");

            assertThat(done).anyMatch(l -> l.startsWith("stopped qemu-nbd pid ")).anyMatch(l -> l.startsWith("removed the job folder"));
            assertThat(serversIn("holdfast-job-dead/")).isEmpty();
            assertThat(serversIn("holdfast-job-alive/")).hasSize(1);
            assertThat(work.resolve("holdfast-job-dead")).doesNotExist();
            assertThat(BackupEngine.removeJobFolder(work, "holdfast-job-dead")).as("nothing left the second time").isEmpty();
        } finally {
            dead.close();
        }
    }

    private List<ProcessHandle> serversIn(String folder) {
        String prefix = "--socket=" + work.resolve(folder);
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu-nbd") && c.contains(prefix)).orElse(false))
                .toList();
    }
}
