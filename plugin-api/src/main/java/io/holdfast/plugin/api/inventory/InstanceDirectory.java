package io.holdfast.plugin.api.inventory;

import java.util.List;
import java.util.Optional;

/**
 * Instances visible to the current user: an admin sees all, a user those of their own tenant. An instance
 * the caller may not see is reported exactly like one that does not exist.
 */
public interface InstanceDirectory {

    List<InstanceRef> visible();

    Optional<InstanceRef> find(long id);
}
