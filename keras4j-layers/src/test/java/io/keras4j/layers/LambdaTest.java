package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaTest {
    @BeforeAll
    static void register() {
        Lambda.registerFunction("square", x -> x.mul(x), (x, g) -> x.mul(2).muli(g));
        Lambda.registerFunction("first_two", x -> x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup(), null);
    }

    @Test
    void harnessWithRegisteredSquareAndItsBackward() {
        LayerTestHarness.of(() -> new Lambda("square"), 3, 4).expectedWeights(0).expectedOutputShape(3, 4).run();
    }

    @Test
    void forwardAppliesTheFunction() {
        INDArray y = new Lambda(x -> x.mul(x)).applyAll(false, Nd4j.createFromArray(new double[][]{{1, -2, 3}}))[0];
        assertArrayEquals(new double[]{1, 4, 9}, y.toDoubleVector(), 0);
    }

    @Test
    void trainingThroughALambdaOfPlainNd4jCallsExplainsHowToMakeItDifferentiable() {
        Lambda lambda = new Lambda(x -> x.mul(x)).name("sq");
        io.keras4j.models.Sequential model = new io.keras4j.models.Sequential(new Dense(3).inputShape(2), lambda, new Dense(1));
        model.compile("sgd", "mse");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.trainOnBatch(Nd4j.ones(4, 2), Nd4j.ones(4, 1)));
        assertTrue(e.getMessage().contains("\"sq\"") && e.getMessage().contains("io.keras4j.ops")
                && e.getMessage().contains("new Lambda(forward, (x, gradOut) -> gradIn)"), e.getMessage());
    }

    @Test
    void outputShapeIsInferredGivenOrComputed() {
        KerasTensor in = Input.of(5);
        assertArrayEquals(new long[]{-1, 2}, new Lambda("first_two").apply(in).shape(), "inferred by running the function");
        assertArrayEquals(new long[]{-1, 7}, new Lambda(x -> x).outputShape(7).apply(in).shape(), "Keras's output_shape tuple");
        assertArrayEquals(new long[]{-1, 5, 1}, new Lambda(x -> x).outputShape(s -> new long[]{s[0], s[1], 1}).apply(in).shape());
    }

    @Test
    void configOfRegisteredFunctionRoundTrips() {
        Lambda lambda = new Lambda("first_two").outputShape(2).name("pick");
        Map<String, Object> config = lambda.getConfig();
        assertEquals("square", ((Map<?, ?>) new Lambda("square").getConfig().get("function")).get("config"));
        assertEquals(List.of(2L), config.get("output_shape"));
        Lambda copy = (Lambda) LayerProvider.fromConfig("Lambda", config);
        assertEquals(LayerTestHarness.canonical(config), LayerTestHarness.canonical(copy.getConfig()));
    }

    @Test
    void unregisteredJavaFunctionIsMarkedAndRefusedOnLoad() {
        Map<String, Object> config = new Lambda(x -> x).name("anon").getConfig();
        assertEquals(Lambda.UNREGISTERED_FUNCTION, ((Map<?, ?>) config.get("function")).get("class_name"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerProvider.fromConfig("Lambda", config));
        assertTrue(e.getMessage().contains("anon") && e.getMessage().contains("registerFunction"), e.getMessage());
    }

    @Test
    void pythonLambdaFromKerasFileIsRefused() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("class_name", "__lambda__");
        function.put("config", Map.of("code", "4wEAAAAAAAAA", "defaults", List.of(), "closure", List.of()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "lambda");
        config.put("function", function);
        config.put("arguments", Map.of());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> LayerProvider.fromConfig("Lambda", config));
        assertTrue(e.getMessage().contains("Lambda layers with Python code cannot be loaded")
                && e.getMessage().contains("custom layer"), e.getMessage());
    }

    @Test
    void unknownRegisteredNameListsTheRegisteredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lambda("cube"));
        assertTrue(e.getMessage().contains("'cube'") && e.getMessage().contains("square"), e.getMessage());
    }
}
