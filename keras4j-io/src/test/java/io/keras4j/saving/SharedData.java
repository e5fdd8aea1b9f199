package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the read-only {@code shared/} folder that sits next to the repository root. Tests that read it fail when it
 * is missing: a checkout without it must not pass by running nothing.
 */
final class SharedData {
    private SharedData() {
    }

    /** The file at {@code relative} inside {@code shared/}; fails the test, saying where it looked, if absent. */
    static Path file(String relative) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return fail("shared/" + relative + " not found above " + cwd + ": the reference data (../shared beside the "
                + "repository) is required by this test");
    }
}
