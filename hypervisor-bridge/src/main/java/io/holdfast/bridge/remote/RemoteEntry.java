package io.holdfast.bridge.remote;

import java.time.Instant;

/** A file or folder on a remote; {@code name} is the last path part. */
public record RemoteEntry(String name, boolean folder, long size, Instant modified) {
}
