package io.keras4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Keras 3 reference files in {@code shared/keras/k3} beside the repository root. */
final class Reference {
    private Reference() {
    }

    /** {@code shared/keras/k3/<name>}; skips the test, saying why, if the folder is absent. */
    static Path k3(String name) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/keras/k3").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/keras/k3/" + name + " not found above " + cwd);
        return null;
    }
}
