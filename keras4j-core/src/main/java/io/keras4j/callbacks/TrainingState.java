package io.keras4j.callbacks;

import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state {@link BackupAndRestore} saves: completed epochs, optimizer iterations and learning rate, all
 * model weights and the optimizer state of each trainable weight. Stored in a small binary file
 * (magic "K4JBAK1", then big-endian counts, dtype names, shapes and values at their own precision) written
 * to a temporary file beside the target and moved into place.
 */
final class TrainingState {
    private static final String MAGIC = "K4JBAK1";

    final int epoch;
    final long iterations;
    final double learningRate;
    final List<INDArray> weights;
    final List<Map<String, INDArray>> slots;

    private TrainingState(int epoch, long iterations, double learningRate, List<INDArray> weights,
                          List<Map<String, INDArray>> slots) {
        this.epoch = epoch;
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.weights = weights;
        this.slots = slots;
    }

    static TrainingState capture(Model model, int epoch) {
        Optimizer optimizer = model.optimizer();
        List<Map<String, INDArray>> slots = new ArrayList<>();
        for (Variable v : model.trainableWeights()) {
            slots.add(new LinkedHashMap<>(optimizer.slots(v)));
        }
        return new TrainingState(epoch, optimizer.iterations(), optimizer.learningRate(), model.getWeights(), slots);
    }

    void write(Path target) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeInt(epoch);
            out.writeLong(iterations);
            out.writeDouble(learningRate);
            out.writeInt(weights.size());
            for (INDArray w : weights) {
                writeArray(out, w);
            }
            out.writeInt(slots.size());
            for (Map<String, INDArray> s : slots) {
                out.writeInt(s.size());
                for (Map.Entry<String, INDArray> e : s.entrySet()) {
                    out.writeUTF(e.getKey());
                    writeArray(out, e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot move " + tmp + " to " + target, e);
        }
    }

    static TrainingState read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalStateException("BackupAndRestore: " + file + " is not a keras4j training backup (magic '" + magic + "')");
            }
            int epoch = in.readInt();
            long iterations = in.readLong();
            double lr = in.readDouble();
            List<INDArray> weights = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                weights.add(readArray(in));
            }
            List<Map<String, INDArray>> slots = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                Map<String, INDArray> s = new LinkedHashMap<>();
                for (int j = in.readInt(); j > 0; j--) {
                    String name = in.readUTF();
                    s.put(name, readArray(in));
                }
                slots.add(s);
            }
            return new TrainingState(epoch, iterations, lr, weights, slots);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot read the backup " + file + " (" + e + ")", e);
        }
    }

    private static void writeArray(DataOutputStream out, INDArray a) throws IOException {
        out.writeUTF(a.dataType().name());
        out.writeInt(a.rank());
        for (long d : a.shape()) {
            out.writeLong(d);
        }
        boolean isDouble = a.dataType() == DataType.DOUBLE;
        INDArray c = a.dup('c');
        if (isDouble) {
            for (double v : c.data().asDouble()) {
                out.writeDouble(v);
            }
        } else {
            for (float v : c.castTo(DataType.FLOAT).data().asFloat()) {
                out.writeFloat(v);
            }
        }
    }

    private static INDArray readArray(DataInputStream in) throws IOException {
        DataType type = DataType.valueOf(in.readUTF());
        long[] shape = new long[in.readInt()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
            n *= shape[i];
        }
        if (type == DataType.DOUBLE) {
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readDouble();
            }
            return Nd4j.createFromArray(v).reshape(shape);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(type);
    }
}
