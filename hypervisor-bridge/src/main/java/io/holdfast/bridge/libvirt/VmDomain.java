package io.holdfast.bridge.libvirt;

import org.libvirt.Domain;
import org.libvirt.DomainCheckpoint;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

import java.util.List;

/** One libvirt domain, with the calls a backup needs. */
public final class VmDomain {

    private final Domain domain;
    private final String uri;

    VmDomain(Domain domain, String uri) {
        this.domain = domain;
        this.uri = uri;
    }

    public String name() {
        return call("read the name", domain::getName);
    }

    public String uuid() {
        return call("read the UUID", domain::getUUIDString);
    }

    public boolean isActive() {
        return call("read the state", () -> domain.isActive() == 1);
    }

    public boolean isShutOff() {
        return call("read the state", () -> domain.getInfo().state == DomainInfo.DomainState.VIR_DOMAIN_SHUTOFF);
    }

    /** The persistent (inactive) definition, as a restore to a new instance would need it. */
    public String xml() {
        return call("read the XML", () -> domain.getXMLDesc(0));
    }

    public List<VmDisk> disks() {
        return DomainDisks.parse(xml());
    }

    /** The virtual size of a disk, in bytes. */
    public long capacity(String target) {
        return call("read the size of disk " + target, () -> domain.blockInfo(target).getCapacity());
    }

    public List<String> checkpoints() {
        return call("list checkpoints", () -> List.of(domain.checkpointListNames(0)));
    }

    /** Starts a pull-mode backup job; the checkpoint (if any) is created at the same instant. */
    public void beginBackup(String backupXml, String checkpointXml) {
        call("begin a backup", () -> {
            domain.backupBegin(backupXml, checkpointXml, 0);
            return null;
        });
    }

    /** Ends the domain's current job (the way a pull-mode backup is finished); false if none ran. */
    public boolean abortJob() {
        try {
            domain.abortJob();
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** Asks the guest to power off (ACPI); returns at once. */
    public void shutdown() {
        call("shut down", () -> {
            domain.shutdown();
            return null;
        });
    }

    /** Powers the domain off at once, like pulling the plug. */
    public void destroy() {
        call("power off", () -> {
            domain.destroy();
            return null;
        });
    }

    public void start() {
        call("start", () -> {
            domain.create();
            return null;
        });
    }

    /** Whether a job (e.g. a backup) is running on the domain now. */
    public boolean hasJob() {
        return call("read the job info", () -> domain.getJobInfo().getType() != 0);
    }

    public void deleteCheckpoint(String name) {
        call("delete checkpoint " + name, () -> {
            DomainCheckpoint checkpoint = domain.checkpointLookupByName(name);
            try {
                checkpoint.delete(0);
            } finally {
                checkpoint.free();
            }
            return null;
        });
    }

    /** Removes a checkpoint from libvirt's metadata only (its bitmaps are gone, e.g. after a restore). */
    public void deleteCheckpointMetadata(String name) {
        call("forget checkpoint " + name, () -> {
            DomainCheckpoint checkpoint = domain.checkpointLookupByName(name);
            try {
                checkpoint.delete(2); // VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY
            } finally {
                checkpoint.free();
            }
            return null;
        });
    }

    private interface LibvirtCall<T> {
        T call() throws LibvirtException;
    }

    private <T> T call(String what, LibvirtCall<T> call) {
        try {
            return call.call();
        } catch (LibvirtException e) {
            String name;
            try {
                name = domain.getName();
            } catch (LibvirtException gone) {
                name = "(vanished)";
            }
            throw new HypervisorException("cannot " + what + " of domain " + name + " on " + uri + ": "
                    + e.getError().getMessage(), e);
        }
    }
}
