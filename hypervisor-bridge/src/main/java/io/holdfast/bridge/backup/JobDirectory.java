package io.holdfast.bridge.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private folder per job for NBD sockets and libvirt's scratch files. QEMU (user libvirt-qemu on Debian)
 * must create files in it, so it belongs to that user, mode 0770; nobody else can reach the sockets.
 */
final class JobDirectory implements AutoCloseable {

    private static final String QEMU_USER = "libvirt-qemu";

    private final Path dir;

    JobDirectory(Path dir) {
        this.dir = dir;
    }

    static JobDirectory create(Path root, String jobId) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Path dir = root.resolve(jobId);
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            try {
                PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName(QEMU_USER));
                GroupPrincipal group = users.lookupPrincipalByGroupName(QEMU_USER);
                view.setGroup(group);
            } catch (UserPrincipalNotFoundException noQemuUser) {
                // QEMU runs as root here (or under another name): let anyone on this host create files in it
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            return new JobDirectory(dir);
        } catch (IOException e) {
            throw new BackupException("cannot create the job folder under " + root + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return dir;
    }

    /** Removes the folder. libvirt may still be deleting its scratch files as the job ends: tolerate that. */
    @Override
    public void close() {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException raced) {
                // a file vanished under us; walk again
            }
        }
    }
}
