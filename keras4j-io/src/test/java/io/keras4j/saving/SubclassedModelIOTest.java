package io.keras4j.saving;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Names;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subclassed model against real Keras 3 (subclassed/, written by src/test/python/subclassed_goldens.py): it loads the
 * weights Keras saved under attribute paths, predicts Keras's outputs, saves the same layout, prints Keras's summary.
 */
class SubclassedModelIOTest {
    @TempDir
    Path dir;

    /** The script's model: two Dense layers in fields, any Java code in call. */
    static final class Mlp extends Model {
        final Dense hidden = new Dense(8, "relu");
        final Dense out = new Dense(3, "softmax");

        @Override
        protected INDArray call(INDArray x, CallContext ctx) {
            return out.apply(hidden.apply(x, ctx.training()), ctx.training());
        }
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(SubclassedModelIOTest.class.getResource("subclassed/" + name).toURI());
    }

    private static Mlp built() {
        Names.clear();
        Mlp model = new Mlp();
        model.predict(Nd4j.zeros(DataType.FLOAT, 2, 4));
        return model;
    }

    private static INDArray x() {
        INDArray x = Nd4j.create(DataType.FLOAT, 5, 4);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                x.putScalar(i, j, (float) Math.sin(0.37 * i + 0.91 * j));
            }
        }
        return x;
    }

    @Test
    void loadsKerasWeightsAndPredictsKerasOutputs() throws Exception {
        Mlp model = built();
        model.loadWeights(golden("mlp.weights.h5"));
        String[] rows = Files.readString(golden("predictions.txt")).trim().split("\n");
        INDArray y = model.predict(x());
        for (int i = 0; i < rows.length; i++) {
            String[] v = rows[i].trim().split(" ");
            for (int j = 0; j < v.length; j++) {
                assertEquals(Double.parseDouble(v[j]), y.getDouble(i, j), 1e-6, "prediction " + i + "," + j);
            }
        }
    }

    @Test
    void savesWeightsUnderKerasAttributePaths() throws Exception {
        Mlp model = built();
        model.loadWeights(golden("mlp.weights.h5"));
        Path file = dir.resolve("mine.weights.h5");
        model.saveWeights(file);
        assertEquals(datasets(golden("mlp.weights.h5")), datasets(file));
        Mlp again = built();
        again.loadWeights(file);
        assertTrue(again.predict(x()).equals(model.predict(x())));
    }

    @Test
    void summaryIsKerasTable() throws Exception {
        Mlp model = built();
        assertEquals(Files.readString(golden("summary.txt"), StandardCharsets.UTF_8).strip(), model.summaryString().strip());
    }

    private static List<String> datasets(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (HdfFile h5 = new HdfFile(file)) {
            collect(h5, out);
        }
        out.removeIf(p -> p.startsWith("/optimizer") || p.startsWith("/vars"));
        return out;
    }

    private static void collect(io.jhdf.api.Group group, List<String> out) {
        for (io.jhdf.api.Node node : group.getChildren().values()) {
            if (node instanceof io.jhdf.api.Group g) {
                collect(g, out);
            } else {
                out.add(node.getPath());
            }
        }
        out.sort(String::compareTo);
    }
}
