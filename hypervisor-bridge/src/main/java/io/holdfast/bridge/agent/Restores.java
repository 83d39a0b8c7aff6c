package io.holdfast.bridge.agent;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.NewInstanceXml;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.progress.ByteSizes;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.restore.RestoreResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three restore targets on this hypervisor. In every one the current disk stays untouched until the new
 * image is complete; in place, the replaced image is kept until the domain has started again.
 */
final class Restores {

    private final String libvirtUri;
    private final Duration shutdownTimeout;
    private final Datastore datastore;
    private final JobEvents events;
    private final Cancellation cancel;
    private final RestoreEngine engine;

    Restores(String libvirtUri, Path workDir, Duration shutdownTimeout, Datastore datastore, JobEvents events,
             Cancellation cancel) {
        this.libvirtUri = libvirtUri;
        this.shutdownTimeout = shutdownTimeout;
        this.datastore = datastore;
        this.events = events;
        this.cancel = cancel;
        this.engine = new RestoreEngine(datastore);
    }

    RestoreOutcome inPlace(SnapshotId id, String domainUuid) {
        Manifest manifest = datastore.manifest(id);
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            VmDomain domain = domain(host, domainUuid);
            List<String> disks = manifest.disks().stream().map(Manifest.DiskEntry::name).toList();
            return replaceDisks(domain, id, disks, "in place");
        }
    }

    RestoreOutcome otherInstance(SnapshotId id, String domainUuid) {
        Manifest manifest = datastore.manifest(id);
        Manifest.DiskEntry primary = manifest.disks().getFirst();
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            VmDomain domain = domain(host, domainUuid);
            List<VmDisk> disks = domain.disks();
            if (disks.isEmpty()) {
                throw new BridgeException("Instance " + domain.name() + " has no file-backed disk to restore into.");
            }
            VmDisk target = disks.getFirst();
            if (!target.target().equals(primary.name())) {
                throw new BridgeException("Instance " + domain.name() + "'s first disk is " + target.target()
                        + " but the backup's is " + primary.name() + ": choose an instance with a disk " + primary.name() + ".");
            }
            long capacity = domain.capacity(target.target());
            if (capacity < primary.sizeBytes()) {
                throw new BridgeException("The disk of " + domain.name() + " (" + ByteSizes.human(capacity)
                        + ") is smaller than the backup's disk (" + ByteSizes.human(primary.sizeBytes())
                        + "): choose an instance with a disk of at least " + ByteSizes.human(primary.sizeBytes()) + ".");
            }
            return replaceDisks(domain, id, List.of(primary.name()), "into instance " + domain.name());
        }
    }

    RestoreOutcome newInstance(SnapshotId id, String newName) {
        Manifest manifest = datastore.manifest(id);
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            if (host.find(newName).isPresent()) {
                // said the same whoever owns it: the name is taken, nothing more
                throw new BridgeException("The name " + newName + " is already taken on this hypervisor: choose another name.");
            }
            Map<String, Path> images = new LinkedHashMap<>();
            for (Manifest.DiskEntry disk : manifest.disks()) {
                Path folder = Path.of(disk.sourcePath()).toAbsolutePath().getParent();
                images.put(disk.name(), folder.resolve(newName + "-" + disk.name() + ".qcow2"));
            }
            long written = 0;
            List<Path> done = new ArrayList<>();
            try {
                for (Manifest.DiskEntry disk : manifest.disks()) {
                    Path image = images.get(disk.name());
                    events.writing(image);
                    events.step("Writing disk " + disk.name() + " of snapshot " + id + " into " + image + " (qcow2)");
                    RestoreResult r = engine.restoreToImage(id, disk.name(), image, "qcow2", events::progress, cancel);
                    done.add(image);
                    written += r.bytesWritten();
                }
                String xml = NewInstanceXml.rewrite(manifest.domainXml(), newName, images);
                VmDomain created = host.define(xml);
                events.step("libvirt: defined domain " + newName + " (" + created.uuid() + ") from the saved XML, with a new UUID and MAC addresses");
                created.start();
                events.step("libvirt: started " + newName);
                return new RestoreOutcome(created.uuid(), newName, written, List.of());
            } catch (RuntimeException e) {
                for (Path image : done) {
                    deleteQuietly(image);
                }
                throw e;
            }
        }
    }

    private RestoreOutcome replaceDisks(VmDomain domain, SnapshotId id, List<String> disks, String how) {
        boolean wasRunning = domain.isActive();
        if (wasRunning) {
            powerOff(domain);
        }
        List<Path> previous = new ArrayList<>();
        long written = 0;
        for (String disk : disks) {
            cancel.check();
            events.step("Writing disk " + disk + " of snapshot " + id + " " + how + " (a new image; the current one is kept until the swap)");
            RestoreResult r = engine.restoreInPlace(libvirtUri, domain.uuid(), id, disk, events::progress, cancel);
            events.step("Swapped the restored image into place at " + r.image() + "; the previous image is kept as " + r.previousImage());
            previous.add(r.previousImage());
            written += r.bytesWritten();
        }
        List<String> notes = new ArrayList<>();
        if (wasRunning) {
            domain.start();
            events.step("libvirt: started " + domain.name() + " again");
        }
        for (Path p : previous) {
            if (deleteQuietly(p)) {
                events.step("Removed the previous image " + p);
            } else {
                notes.add("The previous image " + p + " could not be removed; delete it by hand.");
                events.warn(notes.getLast());
            }
        }
        return new RestoreOutcome(domain.uuid(), domain.name(), written, notes);
    }

    private void powerOff(VmDomain domain) {
        events.step("libvirt: asking " + domain.name() + " to shut down (ACPI), waiting up to " + shutdownTimeout.toSeconds() + " s");
        domain.shutdown();
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (domain.isShutOff()) {
                events.step("libvirt: " + domain.name() + " shut down");
                return;
            }
            cancel.check();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancellation.Cancelled();
            }
        }
        events.warn(domain.name() + " did not shut down within " + shutdownTimeout.toSeconds() + " s: powered off (virsh destroy)");
        domain.destroy();
    }

    private VmDomain domain(LibvirtHost host, String uuid) {
        return host.find(uuid).orElseThrow(() -> new BridgeException(
                "The instance's domain " + uuid + " no longer exists on this hypervisor."));
    }

    private static boolean deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
