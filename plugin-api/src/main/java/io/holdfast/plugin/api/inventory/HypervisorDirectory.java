package io.holdfast.plugin.api.inventory;

import java.util.List;
import java.util.Optional;

/** The hypervisors the host manages. */
public interface HypervisorDirectory {

    List<HypervisorRef> all();

    Optional<HypervisorRef> find(long id);
}
