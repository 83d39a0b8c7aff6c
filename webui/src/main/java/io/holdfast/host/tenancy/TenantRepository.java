package io.holdfast.host.tenancy;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface TenantRepository extends JpaRepository<Tenant, Long> {

    Optional<Tenant> findByName(String name);
}
