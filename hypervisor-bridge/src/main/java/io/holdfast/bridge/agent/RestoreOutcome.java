package io.holdfast.bridge.agent;

import java.util.List;

/** @param domainUuid the domain that now holds the restored disks (the new one for a restore to a new instance) */
public record RestoreOutcome(String domainUuid, String domainName, long bytesWritten, List<String> notes) {

    public RestoreOutcome {
        notes = List.copyOf(notes);
    }
}
