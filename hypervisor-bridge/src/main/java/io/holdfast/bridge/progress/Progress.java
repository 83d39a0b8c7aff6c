package io.holdfast.bridge.progress;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a long operation stands.
 *
 * @param phase          what it is doing now, e.g. "reading vda"
 * @param bytesPerSecond the average rate so far
 */
public record Progress(String phase, long bytesDone, long bytesTotal, double bytesPerSecond, Duration elapsed) {

    public double percent() {
        return bytesTotal <= 0 ? 100.0 : Math.min(100.0, 100.0 * bytesDone / bytesTotal);
    }

    public Optional<Duration> eta() {
        if (bytesPerSecond <= 0 || bytesDone >= bytesTotal) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((bytesTotal - bytesDone) / bytesPerSecond * 1000)));
    }
}
