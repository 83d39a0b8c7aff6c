package io.holdfast.bridge.remote;

import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.FileType;
import org.apache.commons.vfs2.impl.StandardFileSystemManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A remote's reads, listings and deletes through Apache Commons VFS (SFTP, FTP/FTPS, and our S3 provider),
 * and plain in-place writes. Each remote writes over its own connections (SFTP and FTP to a temporary
 * name, then rename: {@link SftpRemote}, {@link FtpRemote}; S3 with the SDK, an object appearing only once
 * its upload completes: {@link S3Remote}). Because writes happen outside VFS, its cached file objects (and the folder
 * listings VFS's FTP objects keep, which {@code refresh()} does not always clear) are dropped before every
 * read. Failures become {@link RemoteException}s that say whether a retry could help.
 */
final class VfsRemote implements Remote {

    private final StandardFileSystemManager manager;
    private final FileObject root;
    private final String description;

    VfsRemote(StandardFileSystemManager manager, FileObject root, String description) {
        this.manager = manager;
        this.root = root;
        this.description = description;
    }

    private FileObject resolve(String path) throws FileSystemException {
        return root.resolveFile(RemotePaths.check(path));
    }

    /** The object as the server has it now: nothing VFS cached before is believed. */
    private FileObject fresh(String path) throws FileSystemException {
        forgetCachedObjects();
        return resolve(path);
    }

    private void forgetCachedObjects() {
        manager.getFilesCache().clear(root.getFileSystem());
    }

    /** Writes in place: only for stores whose writes are atomic (S3, though {@link S3Remote} uploads without VFS). */
    @Override
    public void put(String path, ByteBuffer data) {
        try (OutputStream out = resolve(path).getContent().getOutputStream()) {
            ByteBuffer b = data.duplicate();
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else {
                byte[] chunk = new byte[Math.min(b.remaining(), 1 << 20)];
                while (b.hasRemaining()) {
                    int n = Math.min(chunk.length, b.remaining());
                    b.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            throw RemoteFailures.classify("cannot write " + path + " on " + description, e);
        }
    }

    @Override
    public void sync() {
        // the server makes each completed write durable; SFTP/FTP offer no portable fsync over VFS
    }

    @Override
    public byte[] get(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw RemoteFailures.classify("cannot read " + path + " on " + description, e);
        }
    }

    /** Streams into the buffer through a small transfer array, never holding the whole object on the heap. */
    @Override
    public java.nio.ByteBuffer get(String path, java.nio.ByteBuffer into) {
        into.clear();
        byte[] transfer = new byte[64 * 1024];
        try (InputStream in = open(path)) {
            int n;
            while ((n = in.read(transfer)) > 0) {
                if (n > into.remaining()) {
                    throw Remote.tooLarge(path, (long) into.position() + n, into.capacity());
                }
                into.put(transfer, 0, n);
            }
            return into.flip();
        } catch (IOException e) {
            throw RemoteFailures.classify("cannot read " + path + " on " + description, e);
        }
    }

    @Override
    public InputStream open(String path) {
        try {
            FileObject f = fresh(path);
            if (!f.exists()) {
                throw new RemoteException.NotFound("cannot read " + path + " on " + description + ": not found");
            }
            return f.getContent().getInputStream();
        } catch (FileSystemException e) {
            throw RemoteFailures.classify("cannot read " + path + " on " + description, e);
        }
    }

    @Override
    public Optional<RemoteEntry> stat(String path) {
        try {
            FileObject f = fresh(path);
            if (!f.exists()) {
                return Optional.empty();
            }
            return Optional.of(entry(f));
        } catch (FileSystemException e) {
            throw RemoteFailures.classify("cannot stat " + path + " on " + description, e);
        }
    }

    @Override
    public List<RemoteEntry> list(String folder) {
        try {
            FileObject dir;
            if (folder.isEmpty()) {
                forgetCachedObjects();
                dir = root.getFileSystem().resolveFile(root.getName());
            } else {
                dir = fresh(folder);
            }
            if (!dir.exists() || dir.getType() != FileType.FOLDER) {
                return List.of();
            }
            List<RemoteEntry> entries = new ArrayList<>();
            for (FileObject child : dir.getChildren()) {
                String name = child.getName().getBaseName();
                if (RemotePaths.isTemporary(name)) {
                    continue;
                }
                entries.add(entry(child));
            }
            entries.sort(Comparator.comparing(RemoteEntry::name));
            return entries;
        } catch (FileSystemException e) {
            throw RemoteFailures.classify("cannot list " + folder + " on " + description, e);
        }
    }

    private static RemoteEntry entry(FileObject f) throws FileSystemException {
        boolean folder = f.getType() == FileType.FOLDER;
        long size = folder ? 0 : f.getContent().getSize();
        long modified = f.getContent().getLastModifiedTime();
        return new RemoteEntry(f.getName().getBaseName(), folder, size, Instant.ofEpochMilli(modified));
    }

    @Override
    public void touch(String path) {
        try {
            resolve(path).getContent().setLastModifiedTime(System.currentTimeMillis());
        } catch (FileSystemException e) {
            throw RemoteFailures.classify("cannot touch " + path + " on " + description, e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            fresh(path).delete();
        } catch (FileSystemException e) {
            throw RemoteFailures.classify("cannot delete " + path + " on " + description, e);
        }
    }

    @Override
    public void deleteTree(String folder) {
        try {
            fresh(folder).deleteAll();
        } catch (FileSystemException e) {
            throw RemoteFailures.classify("cannot delete " + folder + " on " + description, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        manager.close();
    }
}
