package io.holdfast.bridge.libvirt;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

import java.util.Optional;
import java.util.regex.Pattern;

/** A connection to one hypervisor's libvirt. Not shared between threads. */
public final class LibvirtHost implements AutoCloseable {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static {
        try {
            Connect.setErrorCallback(new Libvirt.VirErrorCallback() {
                @Override
                public void errorCallback(com.sun.jna.Pointer userData, org.libvirt.jna.virError error) {
                    // we report errors ourselves, with context; libvirt would print them to stderr
                }
            });
        } catch (LibvirtException | LinkageError ignored) {
            // reported when connecting
        }
    }

    private final Connect connect;
    private final String uri;

    private LibvirtHost(Connect connect, String uri) {
        this.connect = connect;
        this.uri = uri;
    }

    public static LibvirtHost connect(String uri) {
        try {
            return new LibvirtHost(new Connect(uri, false), uri);
        } catch (LibvirtException e) {
            throw new HypervisorException("cannot connect to libvirt at " + uri + ": " + e.getError().getMessage(), e);
        } catch (LinkageError e) {
            throw new HypervisorException("libvirt is not installed (libvirt0 missing)", e);
        }
    }

    /** The domain with this name or UUID. */
    public VmDomain domain(String nameOrUuid) {
        return find(nameOrUuid).orElseThrow(() -> new HypervisorException("no domain '" + nameOrUuid + "' on " + uri));
    }

    public Optional<VmDomain> find(String nameOrUuid) {
        try {
            Domain d = UUID.matcher(nameOrUuid).matches()
                    ? connect.domainLookupByUUIDString(nameOrUuid)
                    : connect.domainLookupByName(nameOrUuid);
            return Optional.of(new VmDomain(d, uri));
        } catch (LibvirtException e) {
            return Optional.empty();
        }
    }

    /** Every domain, running or defined. */
    public java.util.List<VmDomain> all() {
        try {
            java.util.List<VmDomain> all = new java.util.ArrayList<>();
            for (int id : connect.listDomains()) {
                all.add(new VmDomain(connect.domainLookupByID(id), uri));
            }
            for (String name : connect.listDefinedDomains()) {
                all.add(new VmDomain(connect.domainLookupByName(name), uri));
            }
            return all;
        } catch (LibvirtException e) {
            throw new HypervisorException("cannot list the domains on " + uri + ": " + e.getError().getMessage(), e);
        }
    }

    /** Defines a new persistent domain from its XML. */
    public VmDomain define(String xml) {
        try {
            VmDomain defined = new VmDomain(connect.domainDefineXML(xml), uri);
            io.holdfast.bridge.progress.Steps.report("libvirt: virDomainDefineXML → " + defined.name() + " (" + defined.uuid() + ")");
            return defined;
        } catch (LibvirtException e) {
            throw new HypervisorException("cannot define a domain on " + uri + ": " + e.getError().getMessage(), e);
        }
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        try {
            connect.close();
        } catch (LibvirtException ignored) {
            // nothing to do
        }
    }
}
