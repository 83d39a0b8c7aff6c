package io.holdfast.bridge.libvirt;

import io.holdfast.bridge.progress.Steps;
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
        changing("begin a backup", "virDomainBackupBegin (pull mode" + (checkpointXml == null ? "" : ", with a new checkpoint") + ")", () -> {
            domain.backupBegin(backupXml, checkpointXml, 0);
            return null;
        });
    }

    /** Ends the domain's current job (the way a pull-mode backup is finished); false if none ran. */
    public boolean abortJob() {
        try {
            domain.abortJob();
            Steps.report("libvirt: virDomainAbortJob on " + safeName() + " → ended its job");
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** Asks the guest to power off (ACPI); returns at once. */
    public void shutdown() {
        changing("shut down", "virDomainShutdown (ACPI)", () -> {
            domain.shutdown();
            return null;
        });
    }

    /** Powers the domain off at once, like pulling the plug. */
    public void destroy() {
        changing("power off", "virDomainDestroy (power off)", () -> {
            domain.destroy();
            return null;
        });
    }

    public void start() {
        changing("start", "virDomainCreate (start)", () -> {
            domain.create();
            return null;
        });
    }

    /** Whether a job (e.g. a backup) is running on the domain now. */
    public boolean hasJob() {
        return call("read the job info", () -> domain.getJobInfo().getType() != 0);
    }

    public void deleteCheckpoint(String name) {
        changing("delete checkpoint " + name, "virDomainCheckpointDelete " + name, () -> {
            DomainCheckpoint checkpoint = domain.checkpointLookupByName(name);
            try {
                checkpoint.delete(0);
            } finally {
                checkpoint.free();
            }
            return null;
        });
    }

    /**
     * Removes a checkpoint as this domain's state allows: with its bitmaps while it runs; from libvirt's metadata
     * only while it is off (libvirt 9.0 cannot touch an inactive domain's bitmaps; they are left in the qcow2).
     */
    public void removeCheckpoint(String name) {
        if (isActive()) {
            deleteCheckpoint(name);
        } else {
            deleteCheckpointMetadata(name);
        }
    }

    /** Removes a checkpoint from libvirt's metadata only (its bitmaps are gone, e.g. after a restore). */
    public void deleteCheckpointMetadata(String name) {
        changing("forget checkpoint " + name, "virDomainCheckpointDelete " + name + " (metadata only)", () -> {
            DomainCheckpoint checkpoint = domain.checkpointLookupByName(name);
            try {
                checkpoint.delete(2); // VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY
            } finally {
                checkpoint.free();
            }
            return null;
        });
    }

    /** A call that changes the domain: reported as a step (with how long it took) to a job's task log. */
    private <T> T changing(String what, String api, LibvirtCall<T> call) {
        long started = System.nanoTime();
        T result = call(what, call);
        Steps.report("libvirt: " + api + " on " + safeName() + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        return result;
    }

    private String safeName() {
        try {
            return domain.getName();
        } catch (LibvirtException gone) {
            return "(vanished)";
        }
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
