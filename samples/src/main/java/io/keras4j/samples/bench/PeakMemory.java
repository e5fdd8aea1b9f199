package io.keras4j.samples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of this process (heap plus ND4J's off-heap buffers), from Linux's /proc. */
final class PeakMemory {
    private PeakMemory() {
    }

    /** VmHWM in bytes, or -1 where /proc is not available. */
    static long peakResidentBytes() {
        return statusBytes("VmHWM:");
    }

    /** VmRSS (current resident memory) in bytes, or -1 where /proc is not available. */
    static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    private static long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
