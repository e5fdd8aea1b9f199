package io.keras4j.saving;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The last line of defence of every reader: whatever a corrupt or hostile file makes the libraries underneath throw
 * (jhdf's exceptions, a {@code ClassCastException} from an unexpected JSON type, an {@code OutOfMemoryError} from a
 * declared size, a {@code StackOverflowError} from deep nesting) becomes a {@link KerasFormatException} naming the
 * file and keeping the original as its cause. I/O failures of the file system stay {@link UncheckedIOException}s.
 */
final class ReadGuard {
    private ReadGuard() {
    }

    /** Runs {@code read}, translating failures as the class comment says. */
    static <T> T read(Object file, Supplier<T> read) {
        try {
            return read.get();
        } catch (KerasFormatException | UncheckedIOException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new KerasFormatException(file + ": cannot be read: what it declares does not fit in memory (a corrupt size, or "
                    + "a model too large for this heap): " + e, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFormatException(file + ": cannot be read, the file is corrupt or not what it claims to be: " + e, e);
        }
    }
}
