package io.keras4j.models;

import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails with a message naming the layer or argument and both values, before any weight moves. */
class ModelErrorsTest {
    private static Sequential seed() {
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        return model;
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private static void assertUnchanged(List<INDArray> before, Sequential model) {
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "weight " + i + " must not move");
        }
    }

    @Test
    void fitBeforeCompileIsALifecycleError() {
        Sequential model = seed();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(Nd4j.rand(DataType.FLOAT, 4, 784), Nd4j.rand(DataType.FLOAT, 4, 10), 1, 2));
        assertMessage(e, "compile()", "fit()");
    }

    @Test
    void wrongInputWidthNamesTheLayerAndBothShapes() {
        Sequential model = seed();
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        List<INDArray> before = model.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.rand(DataType.FLOAT, 128, 780), Nd4j.rand(DataType.FLOAT, 128, 10), 1, 32));
        assertMessage(e, "layer \"dense", "expected axis -1 of input shape to have value 784", "(128, 780)");
        assertUnchanged(before, model);
    }

    @Test
    void wrongNumberOfClassesNamesTheLossAndShapes() {
        Sequential model = seed();
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        List<INDArray> before = model.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.rand(DataType.FLOAT, 16, 784), Nd4j.rand(DataType.FLOAT, 16, 9), 1, 8));
        assertMessage(e, "categorical_crossentropy", "[16, 10]", "[16, 9]", "dense");
        assertUnchanged(before, model);
    }

    @Test
    void sparseLabelsOutOfRangeAreRejected() {
        Sequential model = seed();
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        INDArray labels = Nd4j.createFromArray(0, 3, 10, 2).castTo(DataType.INT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.rand(DataType.FLOAT, 4, 784), labels, 1, 2));
        assertMessage(e, "sparse_categorical_crossentropy", "[0, 10)", "10]");
    }

    @Test
    void sampleCountsThatDifferAreRejected() {
        Sequential model = seed();
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.rand(DataType.FLOAT, 100, 784), Nd4j.rand(DataType.FLOAT, 99, 10), 1, 32));
        assertMessage(e, "100", "99", "samples");
    }

    @Test
    void unknownIdentifiersListTheValidOnes() {
        Sequential model = seed();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.compile("adamm", "mse")), "adamm", "rmsprop", "sgd");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "msee")), "msee", "categorical_crossentropy");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Dense(3, "rellu")), "rellu", "relu");
    }

    @Test
    void nanLossStopsBeforeTheWeightsAreUpdated() {
        Sequential model = seed();
        model.compile("rmsprop", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 784);
        x.putScalar(3, 7, Float.NaN);
        List<INDArray> before = model.getWeights();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> model.fit(x, Nd4j.rand(DataType.FLOAT, 8, 10),
                new FitOptions().epochs(1).batchSize(8).verbose(0)));
        assertMessage(e, "NaN", "epoch 1, step 1");
        assertUnchanged(before, model);
    }

    @Test
    void float64DataIntoAFloat32ModelIsCastAsKerasDoes() {
        Sequential model = seed();
        model.compile("rmsprop", "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 784);
        INDArray y = model.predict(x);
        assertEquals(DataType.FLOAT, y.dataType());
        assertEquals(model.predict(x.castTo(DataType.FLOAT)), y);
    }

    @Test
    void setWeightsChecksCountAndShapes() {
        Sequential model = seed();
        List<INDArray> weights = model.getWeights();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.setWeights(weights.subList(0, 3))), "4", "3");
        weights.set(2, Nd4j.zeros(DataType.FLOAT, 512, 9));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.setWeights(weights)), "dense_", "[512, 10]", "[512, 9]");
    }
}
