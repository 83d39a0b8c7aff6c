package io.holdfast.host.inventory;

import jakarta.persistence.Embeddable;

@Embeddable
public record InstanceDisk(String target, String sourcePath, String format) {
}
