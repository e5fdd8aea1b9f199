package io.keras4j.saving;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the entries of a zip archive ({@code .keras}, {@code .npz}) with the checks Python's {@code zipfile} makes
 * and a cap on what the archive may expand to: every entry's bytes are counted and their CRC-32 compared with the
 * central directory's when the entry has been read to its end ({@code zipfile}'s "Bad CRC-32"), an entry yielding
 * more or fewer bytes than it declares is refused, and the declared sizes of the entries read may add up to at most
 * {@link #maxBytes()} (system property {@value #MAX_BYTES_PROPERTY}). Nothing is written to disk.
 */
final class ArchiveReader implements AutoCloseable {
    /** The system property holding the most bytes an archive may expand to, e.g. {@code 4g}, {@code 512m} or a byte count. */
    static final String MAX_BYTES_PROPERTY = "keras4j.maxArchiveBytes";
    /** The default cap: 2 GiB, four times a 500 MB ResNet152 {@code .keras} file. */
    static final long DEFAULT_MAX_BYTES = 2L << 30;
    /** The largest single entry read into memory (a Java array). */
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final ZipFile zip;
    private final long limit;
    private long budget;

    private ArchiveReader(Path file, ZipFile zip, long limit) {
        this.file = file;
        this.zip = zip;
        this.limit = limit;
        this.budget = limit;
    }

    /**
     * Opens an archive.
     *
     * @param kind  what the file should be, for the error message ("a .keras archive", "a .npz archive")
     * @param limit the most bytes the entries read may expand to, {@link #maxBytes()}
     * @throws KerasFormatException if the file is absent or not a zip file
     */
    static ArchiveReader open(Path file, String kind, long limit) {
        if (!Files.isRegularFile(file)) {
            throw new KerasFormatException(file, "no such file");
        }
        try {
            return new ArchiveReader(file, new ZipFile(file.toFile()), limit);
        } catch (FileSystemException e) {
            throw new UncheckedIOException(file + ": could not read: " + e, e);
        } catch (IOException e) {
            // ZipException, or an EOFException from a central directory cut short
            throw new KerasFormatException(file, "not " + kind + " (not a zip file: " + e + ")", e);
        }
    }

    /**
     * The cap from {@value #MAX_BYTES_PROPERTY} (a byte count with an optional k, m or g suffix), else 2 GiB. Read by the
     * callers before reading starts, so that a bad setting is reported as such and not as a corrupt file.
     *
     * @throws IllegalArgumentException if the property is set to something else than a positive byte count
     */
    static long maxBytes() {
        String value = System.getProperty(MAX_BYTES_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        int shift = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            if (n <= 0 || n > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + MAX_BYTES_PROPERTY + " must be a positive byte count such as "
                    + "2147483648, 512m or 4g; got '" + value + "'");
        }
    }

    /** The entries in central-directory order. */
    List<? extends ZipEntry> entries() {
        return zip.stream().toList();
    }

    /** The entry named {@code name}, or null. */
    ZipEntry entry(String name) {
        return zip.getEntry(name);
    }

    /** The whole content of an entry, verified; {@code max} bounds it below the archive's cap. */
    byte[] read(ZipEntry entry, long max) {
        long size = reserve(entry);
        if (size > Math.min(max, MAX_ENTRY_BYTES)) {
            throw new KerasFormatException(file, "entry '" + entry.getName() + "' declares " + size + " bytes, more than the "
                    + Math.min(max, MAX_ENTRY_BYTES) + " keras4j reads for it");
        }
        try (Checked in = new Checked(entry, size)) {
            byte[] data = new byte[(int) size];
            int n = in.readNBytes(data, 0, data.length);
            if (n < size) {
                throw corrupt(entry, "it holds " + n + " bytes, its header declares " + size);
            }
            in.finish();
            return data;
        } catch (IOException e) {
            throw corrupt(entry, e.toString(), e);
        }
    }

    /**
     * A stream over an entry's content that refuses bytes beyond the declared size; {@link Checked#finish()} reads
     * what is left and verifies size and CRC-32.
     */
    Checked stream(ZipEntry entry) {
        return new Checked(entry, reserve(entry));
    }

    /** Takes an entry's declared size from the budget, refusing it if the archive would expand beyond the cap. */
    private long reserve(ZipEntry entry) {
        long size = entry.getSize();
        if (size < 0) {
            throw corrupt(entry, "its size is not recorded in the central directory");
        }
        if (size > budget) {
            throw new KerasFormatException(file, "entry '" + entry.getName() + "' expands to " + size + " bytes, beyond the limit of "
                    + limit + " bytes an archive may expand to (" + (limit - budget) + " already read); raise it with -D"
                    + MAX_BYTES_PROPERTY + "=<bytes> if the file is trusted");
        }
        budget -= size;
        return size;
    }

    private KerasFormatException corrupt(ZipEntry entry, String what) {
        return new KerasFormatException(file, "entry '" + entry.getName() + "' is corrupt: " + what);
    }

    private KerasFormatException corrupt(ZipEntry entry, String what, Throwable cause) {
        return new KerasFormatException(file, "entry '" + entry.getName() + "' is corrupt: " + what, cause);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Read-only: nothing to lose.
        }
    }

    /** An entry's content, counted and checksummed as it is read. */
    final class Checked extends FilterInputStream {
        private final ZipEntry entry;
        private final long size;
        private final CRC32 crc = new CRC32();
        private long count;

        private Checked(ZipEntry entry, long size) {
            super(null);
            this.entry = entry;
            this.size = size;
            try {
                in = zip.getInputStream(entry);
            } catch (IOException e) {
                throw corrupt(entry, e.toString(), e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw corrupt(entry, e.toString(), e);
            }
            if (n > 0) {
                count += n;
                if (count > size) {
                    throw corrupt(entry, "it expands to more than the " + size + " bytes its header declares");
                }
                crc.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, 1 << 16)]);
        }

        /** Reads the rest of the entry and verifies its size and CRC-32. */
        void finish() throws IOException {
            byte[] rest = new byte[1 << 16];
            while (read(rest, 0, rest.length) >= 0) {
                // counted and checksummed by read
            }
            if (count != size) {
                throw corrupt(entry, "it holds " + count + " bytes, its header declares " + size);
            }
            if (crc.getValue() != entry.getCrc()) {
                throw corrupt(entry, String.format("bad CRC-32 %08x, the archive records %08x", crc.getValue(), entry.getCrc()));
            }
        }
    }
}
