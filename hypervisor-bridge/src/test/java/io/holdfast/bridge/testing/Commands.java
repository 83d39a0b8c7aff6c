package io.holdfast.bridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs the host tools the fixtures drive (virsh, qemu-img, qemu-io, nbdcopy) with a time limit. */
public final class Commands {

    private static final long TIMEOUT_SECONDS = 120;

    private Commands() {
    }

    /** Runs a command; returns its standard output, or throws with its exit code and standard error. */
    public static String run(String... command) {
        return run(List.of(command), in -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs a command and hands its standard output, as a stream, to {@code reader}. */
    public static <T> T run(List<String> command, Function<InputStream, T> reader) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.getFirst() + ": is it installed?", e);
        }
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            T result = reader.apply(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after " + TIMEOUT_SECONDS + " s");
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": "
                        + new String(stderr.join(), StandardCharsets.UTF_8).strip());
            }
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
