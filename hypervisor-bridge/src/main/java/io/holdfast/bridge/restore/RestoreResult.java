package io.holdfast.bridge.restore;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param image         the restored image
 * @param previousImage for an in-place restore, the disk it replaced (kept until dropped), else null
 * @param bytesWritten  bytes of non-zero blocks written
 */
public record RestoreResult(Path image, Path previousImage, long bytesWritten, int blocksWritten, Duration duration) {
}
