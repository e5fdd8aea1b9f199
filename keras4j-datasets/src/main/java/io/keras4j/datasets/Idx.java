package io.keras4j.datasets;

import io.keras4j.saving.KerasFormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LeCun's IDX files of unsigned bytes ({@code train-images-idx3-ubyte} and friends), raw or gzipped,
 * read into uint8 arrays.
 */
final class Idx {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private Idx() {
    }

    /** The four IDX files in {@code dir} (each raw or {@code .gz}), or empty if any is missing. */
    static Optional<TrainTestData> readSet(Path dir) {
        Path[] files = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            files[i] = find(dir, FILES[i]);
            if (files[i] == null) {
                return Optional.empty();
            }
        }
        INDArray xTrain = read(files[0], IMAGES_MAGIC);
        INDArray yTrain = read(files[1], LABELS_MAGIC);
        INDArray xTest = read(files[2], IMAGES_MAGIC);
        INDArray yTest = read(files[3], LABELS_MAGIC);
        checkCounts(files[0], xTrain, files[1], yTrain);
        checkCounts(files[2], xTest, files[3], yTest);
        return Optional.of(new TrainTestData(xTrain, yTrain, xTest, yTest));
    }

    /** What {@link #readSet} looks for, for error messages. */
    static String describe() {
        return String.join(", ", FILES) + " (each raw or .gz)";
    }

    private static Path find(Path dir, String name) {
        for (Path p : new Path[] {dir.resolve(name + ".gz"), dir.resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static void checkCounts(Path images, INDArray x, Path labels, INDArray y) {
        if (x.size(0) != y.size(0)) {
            throw new KerasFormatException(labels, "holds " + y.size(0) + " labels but " + images.getFileName()
                    + " holds " + x.size(0) + " images");
        }
    }

    /**
     * Reads one IDX file of unsigned bytes, gzipped or not (told apart by the gzip magic bytes).
     *
     * @param magic the expected magic number: 2051 for images (3 dimensions), 2049 for labels (1)
     */
    static INDArray read(Path file, int magic) {
        try (InputStream in = open(file)) {
            ByteBuffer head = ByteBuffer.wrap(readFully(in, 4, file, "the magic number"));
            int found = head.getInt();
            if (found != magic) {
                throw new KerasFormatException(file, "wrong magic number: expected " + magic + ", got " + found);
            }
            int rank = magic & 0xff;
            ByteBuffer dims = ByteBuffer.wrap(readFully(in, 4 * rank, file, "the dimensions"));
            long[] shape = new long[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = Integer.toUnsignedLong(dims.getInt());
                size *= shape[i]; // at most 3 factors below 2^32 each; checked against the int range below
                if (size > Integer.MAX_VALUE - 8) {
                    throw new KerasFormatException(file, "dimensions " + Arrays.toString(shape) + " are too large");
                }
            }
            byte[] data = readFully(in, (int) size, file, "data for dimensions " + Arrays.toString(shape));
            if (in.read() != -1) {
                throw new KerasFormatException(file, "more data than the " + size + " bytes dimensions "
                        + Arrays.toString(shape) + " declare");
            }
            return uint8(data, shape);
        } catch (EOFException | ZipException e) {
            throw new KerasFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not read: " + e, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Reads {@code n} bytes; the buffer grows with the bytes present, never to a hostile declared size. */
    private static byte[] readFully(InputStream in, int n, Path file, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new KerasFormatException(file, "truncated: expected " + n + " bytes of " + what + ", got "
                    + bytes.length);
        }
        return bytes;
    }

    /** A uint8 array over a copy of {@code data}; one bulk copy, no per-element work. */
    static INDArray uint8(byte[] data, long... shape) {
        INDArray array = Nd4j.createUninitialized(DataType.UBYTE, shape, 'c');
        if (data.length > 0) {
            array.data().asNio().put(data);
        }
        return array;
    }
}
