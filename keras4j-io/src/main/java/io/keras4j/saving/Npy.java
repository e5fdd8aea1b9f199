package io.keras4j.saving;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} array files, as {@code np.save} and {@code np.load}.
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0 with any of the dtypes {@code f2 f4 f8 i1 i2 i4 i8 u1 u2
 * u4 u8 b1} in either byte order (ND4J {@code HALF FLOAT DOUBLE BYTE SHORT INT LONG UBYTE UINT16
 * UINT32 UINT64 BOOL}), in C or Fortran order, including scalars (shape {@code ()}) and zero-size
 * arrays. The result is always a C-order array. Writes version 1.0 (2.0 if the header needs it),
 * C order, little-endian, in the array's own dtype.
 *
 * <pre>{@code
 * Npy.write(Path.of("x.npy"), Nd4j.rand(DataType.FLOAT, 3, 4));
 * INDArray x = Npy.read(Path.of("x.npy"));   // np.load("x.npy")
 * }</pre>
 *
 * <p>Corrupt, truncated or hostile files raise {@link KerasFormatException} naming the file; the
 * declared size is checked against the bytes actually present before anything is allocated.
 */
public final class Npy {
    /** The largest array read: Java byte arrays and ND4J buffers are indexed by int. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    private Npy() {
    }

    /**
     * Reads an array from a {@code .npy} file.
     *
     * @throws KerasFormatException if the file is not a valid {@code .npy} file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static INDArray read(Path file) {
        return ReadGuard.read(file, () -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return readFrom(in, file.toString(), Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": could not read: " + e, e);
            }
        });
    }

    /**
     * Reads one array from a stream holding {@code .npy} content; the stream is not closed.
     *
     * @param sourceName the name used in error messages, e.g. the file or archive entry
     * @throws KerasFormatException if the content is not a valid {@code .npy} array
     * @throws UncheckedIOException if the stream fails
     */
    public static INDArray read(InputStream in, String sourceName) {
        return ReadGuard.read(sourceName, () -> {
            try {
                return readFrom(in, sourceName, -1);
            } catch (IOException e) {
                throw new UncheckedIOException(sourceName + ": could not read: " + e, e);
            }
        });
    }

    /**
     * Reads header and data; {@code available} is the total byte count of the source if known, else -1.
     */
    static INDArray readFrom(InputStream in, String source, long available) throws IOException {
        NpyHeader header = NpyHeader.read(in, source);
        long needed = header.dataBytes(source);
        String what = "declared shape " + Arrays.toString(header.shape()) + " of '" + header.descr() + "' needs "
                + needed + " data bytes";
        if (available >= 0 && needed > available - header.dataOffset()) {
            throw new KerasFormatException(source, what + ", only " + (available - header.dataOffset()) + " follow the header");
        }
        if (needed > MAX_BYTES) {
            throw new KerasFormatException(source, what + ", more than the " + MAX_BYTES + " keras4j can read");
        }
        // With a known size, one allocation of what the header declares (checked above against the bytes present);
        // otherwise the buffer grows with the bytes actually present.
        byte[] data = available >= 0 ? new byte[(int) needed] : in.readNBytes((int) needed);
        int got = available >= 0 ? in.readNBytes(data, 0, data.length) : data.length;
        if (got < needed) {
            throw new KerasFormatException(source, "truncated: " + what + ", got " + got);
        }
        return toArray(header, data);
    }

    private static INDArray toArray(NpyHeader header, byte[] data) {
        long[] shape = header.shape();
        int rank = shape.length;
        long[] layout = header.fortranOrder() ? IntStream.range(0, rank).mapToLong(i -> shape[rank - 1 - i]).toArray()
                : shape;
        INDArray array = Nd4j.createUninitialized(header.dataType(), layout, 'c');
        if (data.length > 0) {
            copy(ByteBuffer.wrap(data).order(header.order()), array.data().asNio().order(ByteOrder.nativeOrder()),
                    header.dataType().width());
        }
        if (header.fortranOrder() && rank > 1) {
            array = array.permute(IntStream.range(0, rank).map(i -> rank - 1 - i).toArray()).dup('c');
        }
        return array;
    }

    /**
     * Writes an array to a {@code .npy} file atomically (temporary file, then move).
     *
     * @throws IllegalArgumentException if the array's dtype has no NumPy equivalent
     * @throws UncheckedIOException     if the file cannot be written; the old file is then intact
     */
    public static void write(Path file, INDArray array) {
        NpyHeader.forWriting(array.dataType(), array.shape());
        AtomicFiles.write(file, out -> writeTo(out, array));
    }

    /**
     * Writes an array as {@code .npy} content to a stream; the stream is not closed.
     *
     * @throws IllegalArgumentException if the array's dtype has no NumPy equivalent
     * @throws UncheckedIOException     if the stream fails
     */
    public static void write(OutputStream out, INDArray array) {
        try {
            writeTo(out, array);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write .npy data: " + e, e);
        }
    }

    static void writeTo(OutputStream out, INDArray array) throws IOException {
        Objects.requireNonNull(array, "array");
        NpyHeader header = NpyHeader.forWriting(array.dataType(), array.shape());
        out.write(header.encode());
        if (array.length() == 0) {
            return;
        }
        INDArray c = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
        int width = array.dataType().width();
        ByteBuffer data = c.data().asNio().order(ByteOrder.nativeOrder());
        data.limit((int) (c.length() * width));
        byte[] chunk = new byte[(int) Math.min(CHUNK, data.remaining())];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            ByteBuffer part = data.slice().limit(n).order(ByteOrder.nativeOrder());
            copy(part, ByteBuffer.wrap(chunk, 0, n).order(ByteOrder.LITTLE_ENDIAN), width);
            out.write(chunk, 0, n);
            data.position(data.position() + n);
        }
    }

    /** Copies all of {@code src} into {@code dst}, swapping bytes of each element if their orders differ. */
    private static void copy(ByteBuffer src, ByteBuffer dst, int width) {
        if (width == 1 || src.order() == dst.order()) {
            dst.put(src);
            return;
        }
        switch (width) {
            case 2 -> dst.asShortBuffer().put(src.asShortBuffer());
            case 4 -> dst.asIntBuffer().put(src.asIntBuffer());
            case 8 -> dst.asLongBuffer().put(src.asLongBuffer());
            default -> throw new IllegalStateException("element width " + width);
        }
    }
}
