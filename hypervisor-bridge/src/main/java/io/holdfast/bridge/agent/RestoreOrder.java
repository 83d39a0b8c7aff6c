package io.holdfast.bridge.agent;

/**
 * A restore to run on a hypervisor.
 *
 * @param target      where the snapshot goes
 * @param domainUuid  the domain restored in place, or the other instance restored into; the source domain
 *                    (for its folder) when {@code target} is {@link Target#NEW_INSTANCE}
 * @param newName     the new domain's name, for {@link Target#NEW_INSTANCE}
 */
public record RestoreOrder(StorageAccess storage, String snapshot, Target target, String domainUuid, String newName) {

    public enum Target {
        /** Power the instance off, replace its disks, start it again if it ran. */
        IN_PLACE,
        /** A new domain from the saved XML with a new name, UUID and MAC addresses. */
        NEW_INSTANCE,
        /** Another existing instance (of the same tenant): its primary disk is replaced. */
        OTHER_INSTANCE
    }
}
