package io.holdfast.bridge.backup;

import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.nbd.NbdClient;
import io.holdfast.bridge.qemu.QemuNbdServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stopped VM: each image served read-only by qemu-nbd, with the persistent bitmap of the base checkpoint
 * when there is one. libvirt cannot create a checkpoint for an inactive domain, so none is created: the
 * next backup uses the same base again (a superset of the changes, correct because every index is full).
 */
final class StoppedVmSession implements BackupSession {

    private final List<QemuNbdServer> servers = new ArrayList<>();
    private final List<DiskStream> streams = new ArrayList<>();

    static StoppedVmSession open(List<VmDisk> selected, String baseCheckpoint, Path jobDir) {
        StoppedVmSession session = new StoppedVmSession();
        try {
            for (VmDisk disk : selected) {
                Optional<String> bitmap = Optional.ofNullable(baseCheckpoint);
                QemuNbdServer server = QemuNbdServer.start(disk.source(), disk.format(), jobDir.resolve(disk.target() + ".sock"), true, bitmap);
                session.servers.add(server);
                String dirty = bitmap.map(b -> "qemu:dirty-bitmap:" + b).orElse(null);
                List<String> contexts = dirty == null ? List.of(DiskStream.ALLOCATION) : List.of(DiskStream.ALLOCATION, dirty);
                session.streams.add(new DiskStream(disk, NbdClient.connect(server.address(), "", contexts), dirty));
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    @Override
    public List<DiskStream> disks() {
        return streams;
    }

    @Override
    public String createdCheckpoint() {
        return null;
    }

    @Override
    public void finish() {
        close();
    }

    @Override
    public void abort(List<String> notes) {
        close();
    }

    @Override
    public void close() {
        streams.forEach(s -> s.client().close());
        streams.clear();
        servers.forEach(QemuNbdServer::close);
        servers.clear();
    }
}
