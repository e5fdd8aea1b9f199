package io.keras4j.saving;

/**
 * Where a config or weights come from, for messages and for the rule that an old file is read the way the
 * Keras that wrote it computed it.
 *
 * @param where        the file (and entry) for messages
 * @param kerasVersion the writer's {@code keras_version}, or "" if the file does not say
 * @param backend      the writer's {@code backend}, or "" if the file does not say
 */
record Origin(String where, String kerasVersion, String backend) {
    /** A source without version information. */
    static Origin of(String where) {
        return new Origin(where, "", "");
    }

    /** The major Keras version of the writer (1, 2 or 3), or 0 if unknown. */
    int major() {
        if (kerasVersion.isEmpty()) {
            return 0;
        }
        char c = kerasVersion.charAt(0);
        return c >= '1' && c <= '9' ? c - '0' : 0;
    }

    /** The same origin with the version information of a file's {@code keras_version} and {@code backend}. */
    Origin withVersion(String version, String backend) {
        return new Origin(where, version == null ? kerasVersion : version, backend == null ? this.backend : backend);
    }

    /** A narrower element of the same file ("model.keras: layer 'dense'"). */
    Origin at(String element) {
        return new Origin(where + ": " + element, kerasVersion, backend);
    }
}
