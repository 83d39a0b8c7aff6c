package io.holdfast.bridge.libvirt;

import java.nio.file.Path;

/** A file-backed disk of a domain: guest device ({@code vda}), image, image format. */
public record VmDisk(String target, Path source, String format) {
}
