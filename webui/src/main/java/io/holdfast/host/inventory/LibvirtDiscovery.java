package io.holdfast.host.inventory;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Lists a hypervisor's domains through libvirt-java; one short-lived connection per call. */
@Component
class LibvirtDiscovery {

    static {
        try {
            // libvirt prints every error to stderr by default; we report them ourselves
            Connect.setErrorCallback(new Libvirt.VirErrorCallback() {
                @Override
                public void errorCallback(com.sun.jna.Pointer userData, org.libvirt.jna.virError error) {
                }
            });
        } catch (LibvirtException | UnsatisfiedLinkError | NoClassDefFoundError ignored) {
            // libvirt missing: discovery reports it when it runs
        }
    }

    List<DiscoveredDomain> domains(String uri) {
        Connect connect;
        try {
            connect = new Connect(uri, true);
        } catch (LibvirtException e) {
            throw new InventoryException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new InventoryException("libvirt is not installed on this machine (libvirt0 missing).", e);
        }
        try {
            List<DiscoveredDomain> result = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                try {
                    result.add(new DiscoveredDomain(domain.getUUIDString(), domain.getName(), state(domain.getInfo()),
                            DomainXml.disks(domain.getXMLDesc(0))));
                } catch (LibvirtException vanished) {
                    // undefined between listing and reading: not there any more
                } finally {
                    domain.free();
                }
            }
            return result;
        } catch (LibvirtException e) {
            throw new InventoryException("Cannot list the domains of " + uri + ": " + e.getMessage(), e);
        } finally {
            try {
                connect.close();
            } catch (LibvirtException ignored) {
                // closing a broken connection
            }
        }
    }

    private static String state(DomainInfo info) {
        return switch (info.state) {
            case VIR_DOMAIN_RUNNING -> "running";
            case VIR_DOMAIN_PAUSED -> "paused";
            case VIR_DOMAIN_SHUTDOWN -> "shutting down";
            case VIR_DOMAIN_SHUTOFF -> "shut off";
            case VIR_DOMAIN_CRASHED -> "crashed";
            case VIR_DOMAIN_PMSUSPENDED -> "suspended";
            default -> "unknown";
        };
    }
}
