package io.holdfast.bridge.qemu;

import io.holdfast.bridge.progress.Steps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Image facts and operations through {@code qemu-img}. */
public final class QemuImages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QemuImages() {
    }

    /** The names of the persistent bitmaps in a qcow2 image (read with --force-share, safe on a used image). */
    public static List<String> bitmaps(Path image) {
        String json = run("qemu-img", "info", "--force-share", "--output=json", image.toString());
        JsonNode bitmaps = JSON.readTree(json).path("format-specific").path("data").path("bitmaps");
        List<String> names = new ArrayList<>();
        bitmaps.forEach(b -> names.add(b.path("name").asString()));
        return names;
    }

    public static void create(Path image, String format, long size) {
        run("qemu-img", "create", "-q", "-f", format, image.toString(), Long.toString(size));
    }

    public static String run(String... command) {
        long started = System.nanoTime();
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Steps.report(String.join(" ", command) + " → timed out after 120 s");
                throw new IllegalStateException(command[0] + " timed out");
            }
            Steps.report(String.join(" ", command) + " → exit " + p.exitValue() + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (is qemu-utils installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
