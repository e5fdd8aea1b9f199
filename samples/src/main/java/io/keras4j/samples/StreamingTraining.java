package io.keras4j.samples;

import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.PyDataset;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains on a data file larger than the memory the JVM may use, streaming it through a {@link PyDataset}:
 * each {@code get(i)} reads one batch of float32 rows from disk with a positional read, worker threads
 * (default 2) keep a few batches ready, and only those batches are ever in memory.
 *
 * <p>The file (default 2,500,000 rows of 64 float32 features and a 0/1 label: 650 MB) is generated when
 * absent. Run it with a heap (and hence ND4J's off-heap limit, which JavaCPP derives from it) far below
 * the file size:
 * <pre>
 * mvn -q -B install -DskipTests
 * mvn -q -B -pl samples exec:exec@sample -Dexec.mainClass=io.keras4j.samples.StreamingTraining -Dsample.heap=256m
 * </pre>
 * It prints the file size, the heap limit, the peak heap used and JavaCPP's physical memory figure.
 */
public final class StreamingTraining {
    private static final int FEATURES = 64;
    private static final int ROW_BYTES = (FEATURES + 1) * Float.BYTES;

    private StreamingTraining() {
    }

    /** Batches of rows of a binary file: per row 64 float32 features then the float32 label. */
    static final class RowFile extends PyDataset {
        private final FileChannel channel;
        private final long rows;
        private final int batchSize;

        RowFile(Path file, int batchSize, int workers) throws IOException {
            super(workers, 4);
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.rows = channel.size() / ROW_BYTES;
            this.batchSize = batchSize;
        }

        @Override
        public int length() {
            return (int) ((rows + batchSize - 1) / batchSize);
        }

        @Override
        public Batch get(int index) {
            long first = (long) index * batchSize;
            int n = (int) Math.min(batchSize, rows - first);
            ByteBuffer buffer = ByteBuffer.allocate(n * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            try {
                long position = first * ROW_BYTES;
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer, position + buffer.position());
                    if (read < 0) {
                        throw new IOException("unexpected end of file at batch " + index);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.flip();
            float[] x = new float[n * FEATURES];
            float[] y = new float[n];
            for (int r = 0; r < n; r++) {
                for (int f = 0; f < FEATURES; f++) {
                    x[r * FEATURES + f] = buffer.getFloat();
                }
                y[r] = buffer.getFloat();
            }
            return Batch.of(Nd4j.create(x, new long[]{n, FEATURES}, 'c'), Nd4j.create(y, new long[]{n, 1}, 'c'));
        }
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/data/rows.f32");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 2_500_000L;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        if (!Files.exists(file) || Files.size(file) != rows * ROW_BYTES) {
            generate(file, rows);
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("data file %s: %,d bytes; heap limit %,d bytes; JavaCPP off-heap limit %,d bytes%n", file,
                Files.size(file), maxHeap, Pointer.maxBytes());

        Utils.setRandomSeed(0);
        Sequential model = new Sequential();
        model.add(new Dense(32, "relu").inputShape(FEATURES));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        long start = System.nanoTime();
        model.fit(new RowFile(file, 1024, workers), new FitOptions().epochs(1).verbose(1));
        System.out.printf("trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        var heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("peak heap used (sum of pool peaks) %,d bytes; JavaCPP physical bytes now %,d, tracked off-heap %,d%n",
                heap, Pointer.physicalBytes(), Pointer.totalBytes());
    }

    /** Rows of Gaussian features; the label is 1 when a fixed linear score is positive. */
    static void generate(Path file, long rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(7);
        float[] w = new float[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            w[f] = (float) random.nextGaussian();
        }
        ByteBuffer row = ByteBuffer.allocate(ROW_BYTES * 4096).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long r = 0; r < rows; r++) {
                double score = 0;
                for (int f = 0; f < FEATURES; f++) {
                    float v = (float) random.nextGaussian();
                    score += v * w[f];
                    row.putFloat(v);
                }
                row.putFloat(score > 0 ? 1f : 0f);
                if (!row.hasRemaining() || r == rows - 1) {
                    out.write(row.array(), 0, row.position());
                    row.clear();
                }
            }
        }
    }
}
