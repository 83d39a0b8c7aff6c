package io.holdfast.host.tenancy;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface UserRepository extends JpaRepository<AppUser, Long> {

    Optional<AppUser> findByUsername(String username);

    List<AppUser> findByTenantIdOrderByUsername(long tenantId);

    boolean existsByRole(Role role);
}
