package io.holdfast.host.inventory;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface InstanceRepository extends JpaRepository<Instance, Long> {

    List<Instance> findByHypervisorId(long hypervisorId);

    Optional<Instance> findByHypervisorIdAndDomainUuid(long hypervisorId, String domainUuid);

    List<Instance> findByTenantIdOrderByName(long tenantId);

    List<Instance> findAllByOrderByName();

    Optional<Instance> findByName(String name);
}
