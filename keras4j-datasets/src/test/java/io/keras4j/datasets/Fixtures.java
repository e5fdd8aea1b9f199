package io.keras4j.datasets;

import io.keras4j.saving.Npz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small generated datasets: 3 training and 2 test images of 4x5 pixels, the first pixel 255. */
final class Fixtures {
    static final int TRAIN = 3;
    static final int TEST = 2;
    static final int H = 4;
    static final int W = 5;

    private Fixtures() {
    }

    /** IDX image bytes: pixel k of the whole file is {@code (255 - k) & 0xff}. */
    static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * H * W).putInt(2051).putInt(count).putInt(H).putInt(W);
        for (int k = 0; k < count * H * W; k++) {
            b.put((byte) (255 - k));
        }
        return b.array();
    }

    /** IDX label bytes: labels {@code first, 1, 2, ...}. */
    static byte[] labels(int count, int first) {
        ByteBuffer b = ByteBuffer.allocate(8 + count).putInt(2049).putInt(count);
        for (int k = 0; k < count; k++) {
            b.put((byte) (k == 0 ? first : k));
        }
        return b.array();
    }

    /** The four IDX files in {@code dir}, gzipped with {@code .gz} names or raw; first train label {@code first}. */
    static Path idxSet(Path dir, boolean gzip, int first) {
        write(dir, "train-images-idx3-ubyte", images(TRAIN), gzip);
        write(dir, "train-labels-idx1-ubyte", labels(TRAIN, first), gzip);
        write(dir, "t10k-images-idx3-ubyte", images(TEST), gzip);
        write(dir, "t10k-labels-idx1-ubyte", labels(TEST, 7), gzip);
        return dir;
    }

    /** Keras's {@code mnist.npz} layout, written with keras4j's own writer; first train label {@code first}. */
    static Path mnistNpz(Path dir, int first) {
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new LinkedHashMap<>();
        arrays.put("x_test", Idx.uint8(body(images(TEST), 16), TEST, H, W));
        arrays.put("x_train", Idx.uint8(body(images(TRAIN), 16), TRAIN, H, W));
        arrays.put("y_train", Idx.uint8(body(labels(TRAIN, first), 8), TRAIN));
        arrays.put("y_test", Idx.uint8(body(labels(TEST, 7), 8), TEST));
        mkdirs(dir);
        Npz.writeCompressed(dir.resolve("mnist.npz"), arrays);
        return dir.resolve("mnist.npz");
    }

    static void write(Path dir, String name, byte[] content, boolean gzip) {
        mkdirs(dir);
        try {
            Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? gzip(content) : content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] body(byte[] idx, int header) {
        return java.util.Arrays.copyOfRange(idx, header, idx.length);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
