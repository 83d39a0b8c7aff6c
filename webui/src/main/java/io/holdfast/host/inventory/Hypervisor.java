package io.holdfast.host.inventory;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "host_hypervisor")
public class Hypervisor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String uri;

    private Instant lastDiscoveryAt;

    private String lastDiscoveryError;

    protected Hypervisor() {
    }

    Hypervisor(String name, String uri) {
        this.name = name;
        this.uri = uri;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getUri() {
        return uri;
    }

    public Instant getLastDiscoveryAt() {
        return lastDiscoveryAt;
    }

    /** The last discovery's failure in one sentence, or null when it worked. */
    public String getLastDiscoveryError() {
        return lastDiscoveryError;
    }

    void discovered(Instant at, String error) {
        this.lastDiscoveryAt = at;
        this.lastDiscoveryError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }
}
