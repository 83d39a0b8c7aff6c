package io.holdfast.bridge.remote;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A remote that hands every call to another through {@link #call}: the one place a wrapper (retry,
 * limits, metrics) adds its behaviour, restic-style.
 */
abstract class ForwardingRemote implements Remote {

    protected final Remote delegate;

    ForwardingRemote(Remote delegate) {
        this.delegate = delegate;
    }

    /** Runs one operation; {@code bytes} is how much data it moves (0 for metadata calls). */
    protected abstract <T> T call(String operation, long bytes, Supplier<T> work);

    @Override
    public void put(String path, ByteBuffer data) {
        call("put", data.remaining(), () -> {
            delegate.put(path, data.duplicate());
            return null;
        });
    }

    @Override
    public void sync() {
        call("sync", 0, () -> {
            delegate.sync();
            return null;
        });
    }

    @Override
    public byte[] get(String path) {
        return call("get", 0, () -> delegate.get(path));
    }

    @Override
    public ByteBuffer get(String path, ByteBuffer into) {
        return call("get", 0, () -> delegate.get(path, into));
    }

    @Override
    public InputStream open(String path) {
        return call("open", 0, () -> delegate.open(path));
    }

    @Override
    public Optional<RemoteEntry> stat(String path) {
        return call("stat", 0, () -> delegate.stat(path));
    }

    @Override
    public List<RemoteEntry> list(String folder) {
        return call("list", 0, () -> delegate.list(folder));
    }

    @Override
    public void touch(String path) {
        call("touch", 0, () -> {
            delegate.touch(path);
            return null;
        });
    }

    @Override
    public void delete(String path) {
        call("delete", 0, () -> {
            delegate.delete(path);
            return null;
        });
    }

    @Override
    public void deleteTree(String folder) {
        call("deleteTree", 0, () -> {
            delegate.deleteTree(folder);
            return null;
        });
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public int transfersInFlight() {
        return delegate.transfersInFlight();
    }

    @Override
    public int readsInFlight() {
        return delegate.readsInFlight();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
