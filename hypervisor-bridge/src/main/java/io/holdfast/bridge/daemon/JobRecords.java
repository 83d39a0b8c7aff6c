package io.holdfast.bridge.daemon;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The job files of a daemon's state folder: written whole and renamed into place, so a crash never leaves half of one. */
final class JobRecords {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path folder;
    private final JsonMapper json = Protocol.mapper();

    JobRecords(Path stateDir) {
        this.folder = stateDir.resolve("jobs");
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new DaemonException("cannot create the job folder " + folder + ": " + e.getMessage(), e);
        }
    }

    static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    synchronized void save(JobRecord record) {
        Path file = folder.resolve(record.id() + ".json");
        Path tmp = folder.resolve(record.id() + ".json.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, json.writeValueAsBytes(record));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    Optional<JobRecord> find(String id) {
        Path file = folder.resolve(id + ".json");
        if (!validId(id) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), JobRecord.class));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Every readable job file; unreadable ones (a crash mid-write cannot leave one, a hand edit can) are skipped. */
    List<JobRecord> all() {
        List<JobRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
                find(f.getFileName().toString().replace(".json", "")).ifPresent(records::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return records;
    }

    /** Forgets finished jobs older than {@code keep}: the master has long fetched their result. */
    void prune(Duration keep) {
        Instant before = Instant.now().minus(keep);
        for (JobRecord r : all()) {
            if (r.state().finished() && r.finishedAt() != null && r.finishedAt().isBefore(before)) {
                try {
                    Files.deleteIfExists(folder.resolve(r.id() + ".json"));
                } catch (IOException ignored) {
                    // tried again at the next start
                }
            }
        }
    }
}
