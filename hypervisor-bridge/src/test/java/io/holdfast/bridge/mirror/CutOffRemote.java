package io.holdfast.bridge.mirror;

import io.holdfast.bridge.remote.Remote;
import io.holdfast.bridge.remote.RemoteEntry;
import io.holdfast.bridge.remote.RemoteException;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local remote whose connection is "cut" after a number of chunk uploads: every later call fails as a
 * dropped server would. Stands in for stopping a destination server at an exact point of a mirror, which a
 * real server cannot be made to do deterministically (the S3 and SFTP scenarios in {@code it} stop real ones).
 */
final class CutOffRemote implements Remote {

    private final Remote delegate;
    private final AtomicInteger chunkPutsLeft;

    CutOffRemote(Remote delegate, int chunkPuts) {
        this.delegate = delegate;
        this.chunkPutsLeft = new AtomicInteger(chunkPuts);
    }

    private void check() {
        if (chunkPutsLeft.get() < 0) {
            throw new RemoteException("connection to the destination lost", false, null);
        }
    }

    @Override
    public void put(String path, ByteBuffer data) {
        check();
        if (path.startsWith("chunks/") && chunkPutsLeft.decrementAndGet() < 0) {
            throw new RemoteException("connection to the destination lost", false, null);
        }
        delegate.put(path, data);
    }

    @Override
    public void sync() {
        check();
        delegate.sync();
    }

    @Override
    public byte[] get(String path) {
        check();
        return delegate.get(path);
    }

    @Override
    public InputStream open(String path) {
        check();
        return delegate.open(path);
    }

    @Override
    public Optional<RemoteEntry> stat(String path) {
        check();
        return delegate.stat(path);
    }

    @Override
    public List<RemoteEntry> list(String folder) {
        check();
        return delegate.list(folder);
    }

    @Override
    public void touch(String path) {
        check();
        delegate.touch(path);
    }

    @Override
    public void delete(String path) {
        check();
        delegate.delete(path);
    }

    @Override
    public void deleteTree(String folder) {
        check();
        delegate.deleteTree(folder);
    }

    @Override
    public String describe() {
        return "cut-off " + delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
