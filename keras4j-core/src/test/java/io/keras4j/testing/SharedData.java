package io.keras4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finds the read-only {@code shared/} folder that sits beside the repository (tests run in a module
 * directory, so it is {@code ../../shared} there), and fails a test that needs it when it is absent
 * (a checkout without it must not pass by running nothing).
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder, or null. */
    public static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("keras")) || Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        return null;
    }

    /** A file or folder under shared/, failing the test if it does not exist. */
    public static Path require(String relative) {
        Path root = root();
        assertTrue(root != null, "../shared is not present next to the repository; " + relative + " is required by this test");
        Path p = root.resolve(relative);
        assertTrue(Files.exists(p), p + " is absent; it is required by this test");
        return p;
    }
}
