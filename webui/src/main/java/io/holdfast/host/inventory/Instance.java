package io.holdfast.host.inventory;

import io.holdfast.host.tenancy.Tenant;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** A libvirt domain the host knows, and the tenant it is assigned to (none until an admin assigns it). */
@Entity
@Table(name = "host_instance")
public class Instance {

    /** State of a domain that discovery no longer finds on its hypervisor; its assignment is kept. */
    public static final String MISSING = "missing";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "hypervisor_id")
    private Hypervisor hypervisor;

    private String domainUuid;

    private String name;

    private String state;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "host_instance_disk", joinColumns = @JoinColumn(name = "instance_id"))
    @OrderColumn(name = "disk_order")
    private List<InstanceDisk> disks = new ArrayList<>();

    protected Instance() {
    }

    Instance(Hypervisor hypervisor, String domainUuid) {
        this.hypervisor = hypervisor;
        this.domainUuid = domainUuid;
    }

    public Long getId() {
        return id;
    }

    public Hypervisor getHypervisor() {
        return hypervisor;
    }

    public String getDomainUuid() {
        return domainUuid;
    }

    public String getName() {
        return name;
    }

    public String getState() {
        return state;
    }

    public Tenant getTenant() {
        return tenant;
    }

    public List<InstanceDisk> getDisks() {
        return List.copyOf(disks);
    }

    void update(String name, String state, List<InstanceDisk> disks) {
        this.name = name;
        this.state = state;
        this.disks.clear();
        this.disks.addAll(disks);
    }

    void markMissing() {
        this.state = MISSING;
    }

    void assignTo(Tenant tenant) {
        this.tenant = tenant;
    }
}
