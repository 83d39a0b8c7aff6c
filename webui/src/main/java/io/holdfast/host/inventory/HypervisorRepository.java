package io.holdfast.host.inventory;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface HypervisorRepository extends JpaRepository<Hypervisor, Long> {

    Optional<Hypervisor> findByName(String name);
}
