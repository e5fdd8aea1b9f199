package io.keras4j.cli;

import java.nio.file.Path;

/** A file named on the command line (or implied by one) does not exist; exit code 3. */
final class MissingFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingFileException(Path file, String what) {
        super(what + " not found: " + file);
    }

    MissingFileException(String message) {
        super(message);
    }
}
