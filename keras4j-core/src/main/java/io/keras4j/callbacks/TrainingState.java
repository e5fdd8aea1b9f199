package io.keras4j.callbacks;

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
import java.util.List;
import java.util.Map;

/**
 * The state {@link BackupAndRestore} saves: completed epochs, all model weights and the optimizer's variables
 * in Keras's order (iteration, learning rate, slots; see {@code Optimizer.variables()}). Stored in a small binary file
 * (magic "K4JBAK1", then big-endian counts, dtype names, shapes and values at their own precision) written
 * to a temporary file beside the target and moved into place.
 */
final class TrainingState {
    private static final String MAGIC = "K4JBAK1";

    final int epoch;
    final List<INDArray> weights;
    final List<INDArray> optimizerVariables;

    private TrainingState(int epoch, List<INDArray> weights, List<INDArray> optimizerVariables) {
        this.epoch = epoch;
        this.weights = weights;
        this.optimizerVariables = optimizerVariables;
    }

    static TrainingState capture(Model model, int epoch) {
        Optimizer optimizer = model.optimizer();
        optimizer.build(model.trainableWeights());
        List<INDArray> variables = new ArrayList<>();
        for (Map.Entry<String, INDArray> v : optimizer.variables()) {
            variables.add(v.getValue().dup());
        }
        return new TrainingState(epoch, model.getWeights(), variables);
    }

    /** Puts the weights and the optimizer state back into {@code model}. */
    void restore(Model model) {
        model.setWeights(weights);
        Optimizer optimizer = model.optimizer();
        optimizer.build(model.trainableWeights());
        optimizer.setVariables(optimizerVariables);
    }

    /** Writes {@code target.tmp}, then moves it onto {@code target}; on any failure the partial {@code .tmp} is removed. */
    void write(Path target) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        boolean moved = false;
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeInt(epoch);
                writeArrays(out, weights);
                writeArrays(out, optimizerVariables);
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore: cannot write " + tmp + ": " + e.getMessage(), e);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore: cannot move " + tmp + " to " + target + ": " + e.getMessage(), e);
            }
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write's own failure is what the caller needs to see.
                }
            }
        }
    }

    static TrainingState read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalStateException("BackupAndRestore: " + file + " is not a keras4j training backup (magic '" + magic + "')");
            }
            int epoch = in.readInt();
            return new TrainingState(epoch, readArrays(in), readArrays(in));
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot read the backup " + file + " (" + e + ")", e);
        }
    }

    private static void writeArrays(DataOutputStream out, List<INDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (INDArray a : arrays) {
            writeArray(out, a);
        }
    }

    private static List<INDArray> readArrays(DataInputStream in) throws IOException {
        List<INDArray> arrays = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            arrays.add(readArray(in));
        }
        return arrays;
    }

    /** Doubles for float64 and integer arrays (exact up to 2^53), floats otherwise. */
    private static boolean storedAsDouble(DataType type) {
        return type == DataType.DOUBLE || !type.isFPType();
    }

    private static void writeArray(DataOutputStream out, INDArray a) throws IOException {
        out.writeUTF(a.dataType().name());
        out.writeInt(a.rank());
        for (long d : a.shape()) {
            out.writeLong(d);
        }
        INDArray c = a.dup('c');
        if (storedAsDouble(a.dataType())) {
            for (double v : c.castTo(DataType.DOUBLE).data().asDouble()) {
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
        if (storedAsDouble(type)) {
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readDouble();
            }
            return Nd4j.createFromArray(v).reshape(shape).castTo(type);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(type);
    }
}
