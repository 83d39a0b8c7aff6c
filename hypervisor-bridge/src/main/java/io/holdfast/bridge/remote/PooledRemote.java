package io.holdfast.bridge.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Several connections to one remote, each used by one caller at a time. Commons VFS's SFTP file system
 * deadlocks when one connection is shared by threads (seen here: lock order between file system and file
 * objects), and one connection would drive a high-latency link one round trip at a time anyway; a pool
 * gives parallel, pipelined transfers with connections opened lazily up to {@code size}.
 */
public final class PooledRemote implements Remote {

    private final Supplier<Remote> factory;
    private final BlockingQueue<Remote> idle;
    private final List<Remote> all = new ArrayList<>();
    private final int size;
    private final int writers;
    private final java.util.concurrent.Semaphore writing;
    private final String description;
    private final AutoCloseable shared;

    public PooledRemote(Remote first, Supplier<Remote> factory, int size) {
        this(first, factory, size, size, () -> { });
    }

    /**
     * @param writers connections a backup keeps busy ({@link #transfersInFlight()} is two more)
     * @param size    connections at most, opened as needed: a restore reads through all of them
     */
    PooledRemote(Remote first, Supplier<Remote> factory, int writers, int size) {
        this(first, factory, writers, size, () -> { });
    }

    /** @param shared what the connections share (an S3 client), closed after them */
    PooledRemote(Remote first, Supplier<Remote> factory, int size, AutoCloseable shared) {
        this(first, factory, size, size, shared);
    }

    private PooledRemote(Remote first, Supplier<Remote> factory, int writers, int size, AutoCloseable shared) {
        if (writers < 1 || writers > size) {
            throw new IllegalArgumentException("writers " + writers + " must be between 1 and the pool's size " + size);
        }
        this.shared = shared;
        this.description = first.describe();
        this.factory = factory;
        this.writers = writers;
        this.writing = new java.util.concurrent.Semaphore(writers);
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
        all.add(first);
        idle.add(first);
    }

    private Remote borrow() {
        Remote r = idle.poll();
        if (r != null) {
            return r;
        }
        synchronized (all) {
            if (all.size() < size) {
                Remote fresh = factory.get();
                all.add(fresh);
                return fresh;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted while waiting for a connection to " + describe(), false, e);
        }
    }

    private <T> T with(java.util.function.Function<Remote, T> work) {
        Remote r = borrow();
        try {
            return work.apply(r);
        } finally {
            idle.add(r);
        }
    }

    @Override
    public void put(String path, java.nio.ByteBuffer data) {
        // writes keep to their share of the pool: a backup's memory and connections stay what they were
        writing.acquireUninterruptibly();
        try {
            with(r -> {
                r.put(path, data.duplicate());
                return null;
            });
        } finally {
            writing.release();
        }
    }

    @Override
    public void sync() {
        with(r -> {
            r.sync();
            return null;
        });
    }

    @Override
    public byte[] get(String path) {
        return with(r -> r.get(path));
    }

    @Override
    public java.nio.ByteBuffer get(String path, java.nio.ByteBuffer into) {
        return with(r -> r.get(path, into));
    }

    /** Reads the object whole through a pooled connection (a stream would pin the connection). */
    @Override
    public java.io.InputStream open(String path) {
        return new java.io.ByteArrayInputStream(get(path));
    }

    @Override
    public java.util.Optional<RemoteEntry> stat(String path) {
        return with(r -> r.stat(path));
    }

    @Override
    public List<RemoteEntry> list(String folder) {
        return with(r -> r.list(folder));
    }

    @Override
    public void touch(String path) {
        with(r -> {
            r.touch(path);
            return null;
        });
    }

    @Override
    public void delete(String path) {
        with(r -> {
            r.delete(path);
            return null;
        });
    }

    @Override
    public void deleteTree(String folder) {
        with(r -> {
            r.deleteTree(folder);
            return null;
        });
    }

    @Override
    public String describe() {
        return description;
    }

    /** Every writing connection busy, and two more blocks being read and compressed meanwhile. */
    @Override
    public int transfersInFlight() {
        return writers + 2;
    }

    /** Every connection busy reading, and two more chunks being decoded and written meanwhile. */
    @Override
    public int readsInFlight() {
        return size + 2;
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(Remote::close);
        }
        try {
            shared.close();
        } catch (Exception e) {
            throw new RemoteException("cannot close " + description, false, e);
        }
    }
}
