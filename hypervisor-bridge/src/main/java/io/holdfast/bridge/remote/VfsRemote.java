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
import java.util.UUID;

/**
 * A remote reached through Apache Commons VFS (SFTP now; FTP and S3 providers plug in the same way).
 * Objects are written under a temporary name and renamed into place, so a reader never sees a partial one.
 * Failures become {@link RemoteException}s that say whether a retry could help.
 */
public final class VfsRemote implements Remote {

    private final StandardFileSystemManager manager;
    private final FileObject root;
    private final String description;
    private final boolean renames;
    private volatile boolean forgetBeforeReads;

    VfsRemote(StandardFileSystemManager manager, FileObject root, String description) {
        this(manager, root, description, true);
    }

    /**
     * For a remote written to outside VFS (FTP writes over a connection of their own): VFS's cached file
     * objects, and the folder listings they keep, are dropped before every read.
     */
    VfsRemote forgettingBeforeReads() {
        this.forgetBeforeReads = true;
        return this;
    }

    /**
     * @param renames whether to write under a temporary name and rename into place; false for stores
     *                without rename whose writes are atomic anyway (S3: an object appears when complete)
     */
    VfsRemote(StandardFileSystemManager manager, FileObject root, String description, boolean renames) {
        this.manager = manager;
        this.root = root;
        this.description = description;
        this.renames = renames;
    }

    private FileObject resolve(String path) throws FileSystemException {
        return root.resolveFile(RemotePaths.check(path));
    }

    /**
     * The object as the server has it now. VFS's FTP provider answers "exists?" from its parent's cached
     * listing, which another connection (or our own rename) may have made stale: refresh the parent first.
     */
    private FileObject fresh(String path) throws FileSystemException {
        forgetIfAsked();
        FileObject f = resolve(path);
        FileObject parent = f.getParent();
        parent.getType(); // refresh() only forgets what an attached object knows: attach it first
        parent.refresh();
        return f;
    }

    private void forgetIfAsked() {
        if (forgetBeforeReads) {
            manager.getFilesCache().clear(root.getFileSystem());
        }
    }

    /**
     * Creates a folder and its parents. Another connection may create one of them between VFS's check and
     * its MKD (FTP then refuses ours): look again from the root and try once more.
     */
    private void createFolders(FileObject folder) throws FileSystemException {
        try {
            folder.createFolder();
        } catch (FileSystemException raced) {
            for (FileObject f = folder; f != null && !f.equals(root.getParent()); f = f.getParent()) {
                f.refresh();
            }
            folder.createFolder();
        }
    }

    @Override
    public void put(String path, ByteBuffer data) {
        FileObject tmp = null;
        try {
            FileObject target;
            if (renames) {
                target = fresh(path);
                createFolders(target.getParent());
            } else {
                target = resolve(path); // no folders to create, no temporary name: nothing to look up first
            }
            tmp = renames ? target.getParent().resolveFile("." + target.getName().getBaseName() + ".tmp-" + UUID.randomUUID()) : target;
            try (OutputStream out = tmp.getContent().getOutputStream()) {
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
            }
            if (!renames) {
                return;
            }
            if (target.exists()) {
                target.delete(); // SFTP rename does not replace; an existing blob has the same contents anyway
            }
            tmp.moveTo(target);
        } catch (IOException e) {
            if (renames) {
                deleteQuietly(tmp);
            }
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
                forgetIfAsked();
                dir = root.getFileSystem().resolveFile(root.getName());
            } else {
                dir = fresh(folder);
            }
            dir.refresh();
            if (!dir.exists() || dir.getType() != FileType.FOLDER) {
                return List.of();
            }
            List<RemoteEntry> entries = new ArrayList<>();
            for (FileObject child : dir.getChildren()) {
                String name = child.getName().getBaseName();
                if (name.startsWith(".") && name.contains(".tmp-")) {
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

    private static void deleteQuietly(FileObject f) {
        if (f == null) {
            return;
        }
        try {
            f.delete();
        } catch (FileSystemException ignored) {
            // the write failure is what matters
        }
    }
}
