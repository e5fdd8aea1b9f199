package io.keras4j.saving;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy's {@code .npz} archives: a zip file of {@code .npy} arrays, as {@code np.savez},
 * {@code np.savez_compressed} and {@code np.load}.
 *
 * <pre>{@code
 * Npz.write(Path.of("io.npz"), Map.of("x0", x, "y0", y));   // np.savez("io.npz", x0=x, y0=y)
 * INDArray x = Npz.read(Path.of("io.npz")).get("x0");       // np.load("io.npz")["x0"]
 * }</pre>
 */
public final class Npz {
    private static final String SUFFIX = ".npy";

    private Npz() {
    }

    /**
     * Reads every array of an archive, stored or deflated, verifying each entry's CRC-32 and size as NumPy's
     * {@code zipfile} does; the archive may expand to at most 2 GiB (system property {@code keras4j.maxArchiveBytes}).
     *
     * @return the arrays by name (entry name without {@code .npy}), in archive order
     * @throws KerasFormatException if the file is not a zip of valid {@code .npy} entries, or expands beyond the limit
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if the system property {@code keras4j.maxArchiveBytes} is not a byte count
     */
    public static LinkedHashMap<String, INDArray> read(Path file) {
        long limit = ArchiveReader.maxBytes();
        return ReadGuard.read(file, () -> {
            LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
            try (ArchiveReader zip = ArchiveReader.open(file, "a .npz archive", limit)) {
                for (ZipEntry entry : zip.entries()) {
                    String name = entry.getName();
                    if (!name.endsWith(SUFFIX)) {
                        throw new KerasFormatException(file, "entry '" + name + "' is not a .npy array");
                    }
                    String key = name.substring(0, name.length() - SUFFIX.length());
                    try (ArchiveReader.Checked in = zip.stream(entry)) {
                        INDArray array = Npy.readFrom(in, file + " [" + name + "]", entry.getSize());
                        in.finish();
                        if (arrays.put(key, array) != null) {
                            throw new KerasFormatException(file, "duplicate entry '" + name + "'");
                        }
                    } catch (IOException e) {
                        throw new KerasFormatException(file, "entry '" + name + "' cannot be read: " + e, e);
                    }
                }
            }
            return arrays;
        });
    }

    /**
     * Writes arrays into an uncompressed archive, atomically, as {@code np.savez}.
     *
     * @param arrays the arrays by name; each becomes the entry {@code <name>.npy}, in map order
     * @throws IllegalArgumentException if a name is empty or an array is null or has no NumPy dtype
     * @throws UncheckedIOException     if the file cannot be written; the old file is then intact
     */
    public static void write(Path file, Map<String, INDArray> arrays) {
        write(file, arrays, false);
    }

    /**
     * Writes arrays into a deflate-compressed archive, atomically, as {@code np.savez_compressed}.
     *
     * @param arrays the arrays by name; each becomes the entry {@code <name>.npy}, in map order
     * @throws IllegalArgumentException if a name is empty or an array is null or has no NumPy dtype
     * @throws UncheckedIOException     if the file cannot be written; the old file is then intact
     */
    public static void writeCompressed(Path file, Map<String, INDArray> arrays) {
        write(file, arrays, true);
    }

    private static void write(Path file, Map<String, INDArray> arrays, boolean compress) {
        Objects.requireNonNull(arrays, "arrays");
        arrays.forEach((name, array) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("Npz array names must be non-empty, got " + arrays.keySet());
            }
            if (array == null) {
                throw new IllegalArgumentException("Npz array '" + name + "' is null");
            }
            NpyHeader.forWriting(array.dataType(), array.shape());
        });
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                if (compress) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    Checksum sum = new Checksum();
                    Npy.writeTo(sum, e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(sum.count);
                    entry.setCompressedSize(sum.count);
                    entry.setCrc(sum.crc.getValue());
                }
                zip.putNextEntry(entry);
                Npy.writeTo(zip, e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Counts bytes and their CRC-32, which a stored zip entry needs before its data. */
    private static final class Checksum extends OutputStream {
        private final CRC32 crc = new CRC32();
        private long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}
