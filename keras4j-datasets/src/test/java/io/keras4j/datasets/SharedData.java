package io.keras4j.datasets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the read-only {@code shared/} folder that sits next to the repository root. */
final class SharedData {
    private SharedData() {
    }

    /** The file at {@code relative} inside {@code shared/}; skips the test, saying why, if absent. */
    static Path file(String relative) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/" + relative + " not found above " + cwd + "; skipping the real-data test");
        return null;
    }
}
