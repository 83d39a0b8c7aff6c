package io.holdfast.bridge.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder on a local (or mounted) file system. Objects are written to a temporary name and renamed
 * atomically. Each written file is fsync-ed in the background (a few at a time, so writers do not wait
 * and memory stays bounded); {@link #sync()} waits for those and fsyncs the folders that received new
 * names, which is what the commit rule needs — without flushing other programs' data as syncfs would.
 */
public final class LocalRemote implements Remote {

    private static final int PENDING_FSYNCS = 64;

    private final Path root;
    private final java.util.concurrent.ThreadPoolExecutor fsyncs = idleTimingOutPool();
    private final java.util.concurrent.Semaphore pending = new java.util.concurrent.Semaphore(PENDING_FSYNCS);
    private final java.util.Set<Path> dirtyFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicReference<IOException> fsyncFailure = new java.util.concurrent.atomic.AtomicReference<>();

    public LocalRemote(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private static java.util.concurrent.ThreadPoolExecutor idleTimingOutPool() {
        var pool = new java.util.concurrent.ThreadPoolExecutor(4, 4, 5, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("fsync-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void fsyncLater(Path file) {
        pending.acquireUninterruptibly();
        try {
            fsyncs.execute(() -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.force(true);
                } catch (NoSuchFileException deleted) {
                    // removed meanwhile: nothing to make durable
                } catch (IOException e) {
                    fsyncFailure.compareAndSet(null, e);
                } finally {
                    pending.release();
                }
            });
        } catch (RuntimeException rejected) {
            pending.release();
            throw rejected;
        }
    }

    private Path resolve(String path) {
        return root.resolve(RemotePaths.check(path));
    }

    /** Writes {@code data}'s remaining bytes; a direct buffer goes to the file without an extra copy. */
    @Override
    public void put(String path, ByteBuffer data) {
        Path target = resolve(path);
        Path tmp = target.resolveSibling(RemotePaths.temporaryName(target.getFileName().toString()));
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = data.duplicate();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            dirtyFolders.add(target.getParent());
            if (!target.getParent().equals(root)) {
                dirtyFolders.add(target.getParent().getParent()); // it may have just got the parent's entry
            }
            fsyncLater(target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure that matters is reported below
            }
            throw failure("cannot write " + path, e);
        }
    }

    @Override
    public void sync() {
        pending.acquireUninterruptibly(PENDING_FSYNCS);
        pending.release(PENDING_FSYNCS);
        IOException failed = fsyncFailure.getAndSet(null);
        if (failed != null) {
            throw failure("cannot make written data durable", failed);
        }
        for (Path folder : java.util.List.copyOf(dirtyFolders)) {
            dirtyFolders.remove(folder);
            try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (NoSuchFileException gone) {
                // removed meanwhile
            } catch (IOException e) {
                throw failure("cannot make " + folder + " durable", e);
            }
        }
    }

    @Override
    public byte[] get(String path) {
        try {
            return Files.readAllBytes(resolve(path));
        } catch (IOException e) {
            throw failure("cannot read " + path, e);
        }
    }

    /** Straight from the file into the buffer: no copy through the Java heap. */
    @Override
    public java.nio.ByteBuffer get(String path, java.nio.ByteBuffer into) {
        try (FileChannel ch = FileChannel.open(resolve(path), StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > into.capacity()) {
                throw Remote.tooLarge(path, size, into.capacity());
            }
            into.clear().limit((int) size);
            long at = 0;
            while (into.hasRemaining()) {
                int n = ch.read(into, at);
                if (n < 0) {
                    break; // truncated meanwhile: the caller's digest check reports the chunk
                }
                at += n;
            }
            return into.flip();
        } catch (IOException e) {
            throw failure("cannot read " + path, e);
        }
    }

    @Override
    public InputStream open(String path) {
        try {
            return Files.newInputStream(resolve(path));
        } catch (IOException e) {
            throw failure("cannot read " + path, e);
        }
    }

    @Override
    public Optional<RemoteEntry> stat(String path) {
        Path p = resolve(path);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return Optional.of(new RemoteEntry(p.getFileName().toString(), a.isDirectory(), a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot stat " + path, e);
        }
    }

    @Override
    public List<RemoteEntry> list(String folder) {
        Path dir = folder.isEmpty() ? root : resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RemoteEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                String name = p.getFileName().toString();
                if (RemotePaths.isTemporary(name)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    entries.add(new RemoteEntry(name, a.isDirectory(), a.size(), a.lastModifiedTime().toInstant()));
                } catch (NoSuchFileException gone) {
                    // deleted while listing
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + folder, e);
        }
        entries.sort(Comparator.comparing(RemoteEntry::name));
        return entries;
    }

    @Override
    public void touch(String path) {
        try {
            Files.setLastModifiedTime(resolve(path), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (IOException e) {
            throw failure("cannot touch " + path, e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
            throw failure("cannot delete " + path, e);
        }
    }

    @Override
    public void deleteTree(String folder) {
        Path dir = resolve(folder);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw failure("cannot delete " + folder, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    @Override
    public String describe() {
        return "local:" + root;
    }

    @Override
    public void close() {
        sync();
        fsyncs.shutdown();
    }

    private RemoteException failure(String what, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new RemoteException.NotFound(what + " on " + describe() + ": not found");
        }
        boolean permanent = e instanceof AccessDeniedException
                || (e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().contains("Read-only"));
        return new RemoteException(what + " on " + describe() + ": " + e.getMessage(), permanent, e);
    }
}
