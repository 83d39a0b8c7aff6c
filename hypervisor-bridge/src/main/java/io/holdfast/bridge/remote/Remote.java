package io.holdfast.bridge.remote;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where a datastore lives: a small storage interface (restic-style) that every backend implements and one
 * contract test suite checks. Paths are relative, '/'-separated, without "." or ".." parts.
 */
public interface Remote extends AutoCloseable {

    /**
     * Stores {@code data} at {@code path}, creating parent folders. Where the backend can rename, the object
     * is written under a temporary name first, so a reader never sees a partial object.
     */
    void put(String path, java.nio.ByteBuffer data);

    /** {@link #put(String, java.nio.ByteBuffer)} for an array. */
    default void put(String path, byte[] data) {
        put(path, java.nio.ByteBuffer.wrap(data));
    }

    /**
     * Makes every object written so far durable. A datastore calls it before and after writing a
     * manifest, so a snapshot is never committed ahead of its chunks and indexes.
     */
    void sync();

    /** The whole object; {@link RemoteException.NotFound} when absent. */
    byte[] get(String path);

    /**
     * Reads the whole object into {@code into} (cleared first) and returns it flipped. A restore reads every
     * chunk through one such buffer per worker, so its memory stays fixed. A backend that can read straight
     * into the buffer overrides this; the default copies from {@link #get(String)}. A
     * {@link RemoteException} (permanent) when the object does not fit.
     */
    default java.nio.ByteBuffer get(String path, java.nio.ByteBuffer into) {
        byte[] data = get(path);
        if (data.length > into.capacity()) {
            throw tooLarge(path, data.length, into.capacity());
        }
        return into.clear().put(data).flip();
    }

    /** The failure of {@link #get(String, java.nio.ByteBuffer)} for an object larger than the buffer. */
    static RemoteException.TooLarge tooLarge(String path, long size, int capacity) {
        return new RemoteException.TooLarge(path + " has " + size + " bytes, more than the " + capacity + " it may have");
    }

    /** A stream of the object; {@link RemoteException.NotFound} when absent. */
    InputStream open(String path);

    Optional<RemoteEntry> stat(String path);

    /** The direct children of a folder (empty when the folder does not exist). */
    List<RemoteEntry> list(String folder);

    /**
     * Sets an object's modification time to now. Deduplication touches a chunk it reuses, so garbage
     * collection, which spares young chunks, cannot remove it under a running backup.
     */
    void touch(String path);

    /** Deletes an object; deleting an absent object is not an error. */
    void delete(String path);

    /** Deletes a folder and everything under it; absent is not an error. */
    void deleteTree(String folder);

    /**
     * How many transfers a backup should keep in flight: a local folder is CPU-bound (a few), a remote
     * latency-bound (one per connection and some, so a distant server is never waited on one round trip
     * at a time). Memory grows with it (one block buffer each), never with the disk's size.
     */
    default int transfersInFlight() {
        return 6;
    }

    /**
     * How many reads of whole objects a restore should keep in flight. The same as {@link #transfersInFlight()}
     * unless a read costs more round trips than a write (SFTP: JSch starts each read with one request and widens
     * the window per reply), where more reads at once keep a distant server as busy as a backup does.
     */
    default int readsInFlight() {
        return transfersInFlight();
    }

    /** A description for messages, without secrets, e.g. {@code local:/srv/backups}. */
    String describe();

    @Override
    void close();
}
