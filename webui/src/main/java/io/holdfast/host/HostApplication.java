package io.holdfast.host;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host shell: the management platform plugins plug into. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class HostApplication {

    public static void main(String[] args) {
        useTempFolderInside(dataDir(args));
        SpringApplication.run(HostApplication.class, args);
    }

    /**
     * Points java.io.tmpdir at {@code <data>/tmp}. The embedded database wipes any data folder whose path
     * starts with java.io.tmpdir, so a checkout under /tmp lost its database at every start; with the JVM's
     * temporary files inside the data folder, the data folder can be anywhere. Must run before anything
     * reads java.io.tmpdir (commons-lang3 caches it).
     */
    public static Path useTempFolderInside(Path dataDir) {
        Path tmp = dataDir.toAbsolutePath().normalize().resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the temporary folder " + tmp, e);
        }
        System.setProperty("java.io.tmpdir", tmp.toString());
        return tmp;
    }

    /** {@code --holdfast.data-dir=…} from the command line, else the system property, else {@code ./data}. */
    static Path dataDir(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--holdfast.data-dir=")) {
                return Path.of(arg.substring("--holdfast.data-dir=".length()));
            }
        }
        return Path.of(System.getProperty("holdfast.data-dir", "./data"));
    }
}
