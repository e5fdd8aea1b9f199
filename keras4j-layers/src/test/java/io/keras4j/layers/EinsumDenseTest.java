package io.keras4j.layers;

import io.keras4j.engine.KerasTensor;
import io.keras4j.testing.LayerTestHarness;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EinsumDenseTest {
    /**
     * Keras 3.15.1 (src/test/python/einsum_dense_goldens.py): equation, output_shape (-1 = None), bias_axes,
     * input shape, kernel shape, bias shape, output shape and output values for x[i] = sin(i + 1),
     * kernel[i] = 0.5 cos(i + 1), bias[i] = 0.1 (i + 1).
     */
    static Stream<Arguments> kerasCases() {
        return Stream.of(
                Arguments.of("ab,bc->ac", new long[]{4}, "c", new long[]{2, 3}, new long[]{3, 4}, new long[]{4}, new long[]{2, 4},
                        new double[]{0.39200164942077365, 0.4022475508227831, 0.22654798671069343, 0.11837986487547769, -0.11316438634884785, 0.014329978977754732, 0.31252850537103766, 0.5992083817043514}),
                Arguments.of("abc,cd->abd", new long[]{-1, 4}, "d", new long[]{2, 3, 5}, new long[]{5, 4}, new long[]{4}, new long[]{2, 3, 4},
                        new double[]{0.18055305731795315, 0.033909156601753615, 0.039968411338733856, 0.28509950949377083, -0.07118528202582944, 0.007040127881272035, 0.26267195433428936, 0.5526230138252586, -0.07767063975512403, 0.2566200053344403, 0.538854478636053, 0.6014872458135433, 0.17038839809465325, 0.4250817810269416, 0.47283601250087537, 0.3616856111556134, 0.31760369342469397, 0.2710743744936749, 0.15919960342944267, 0.17677606763788367, 0.15306348038878387, 0.015240443771673523, 0.04728449108853827, 0.31167401184132004}),
                Arguments.of("abc,cde->abde", new long[]{3, 2, 4}, "de", new long[]{2, 3, 5}, new long[]{5, 2, 4}, new long[]{2, 4}, new long[]{2, 3, 2, 4},
                        new double[]{-0.47504205393964005, -0.14791634682457738, 0.49908204506256304, 0.9630453228330729, 0.9093473274073977, 0.479297286965282, 0.1602207642382052, 0.3374147815510382, -0.2030442476107411, 0.6732782305601113, 1.1144708861883834, 0.8068427651799902, 0.12516528211665423, -0.21189088996360106, 0.19750167796200635, 1.068888885779603, 0.5031176668009965, 0.8164186212502771, 0.562987138082172, 0.06776649298864373, -0.12200019793196093, 0.2600972246252005, 0.9546996913199922, 1.41513243642299, 0.6317427243379555, 0.07643107596805332, -0.3652718735141671, -0.19532693054589723, 0.521958846875467, 1.2190557617479376, 1.34699566419127, 0.8800907367505257, -0.0014470602212475758, -0.4865222833427599, -0.3404120852186594, 0.39449003064382926, 1.1344579869218556, 1.2911081959768442, 0.8123567168594624, 0.23030499042103836, -0.4892961139603129, -0.06591189849247642, 0.6019504901337935, 0.9922009906470837, 0.8379846314342383, 0.3730267607767409, 0.11674703952038612, 0.3967074003201504}),
                Arguments.of("...b,bc->...c", new long[]{4}, "c", new long[]{2, 3, 5}, new long[]{5, 4}, new long[]{4}, new long[]{2, 3, 4},
                        new double[]{0.18055305731795315, 0.033909156601753615, 0.039968411338733856, 0.28509950949377083, -0.07118528202582944, 0.007040127881272035, 0.26267195433428936, 0.5526230138252586, -0.07767063975512403, 0.2566200053344403, 0.538854478636053, 0.6014872458135433, 0.17038839809465325, 0.4250817810269416, 0.47283601250087537, 0.3616856111556134, 0.31760369342469397, 0.2710743744936749, 0.15919960342944267, 0.17677606763788367, 0.15306348038878387, 0.015240443771673523, 0.04728449108853827, 0.31167401184132004}),
                Arguments.of("abc,bcd->abd", new long[]{3, 4}, "d", new long[]{2, 3, 5}, new long[]{3, 5, 4}, new long[]{4}, new long[]{2, 3, 4},
                        new double[]{0.18055305731795315, 0.033909156601753615, 0.039968411338733856, 0.28509950949377083, -0.07885943680014787, 0.19387005031366927, 0.47223538489938766, 0.5922483009127821, 0.3536349533715144, 0.34665213392546734, 0.2048380188693121, 0.15051539040275047, 0.17038839809465325, 0.4250817810269416, 0.47283601250087537, 0.3616856111556134, 0.13835328709160366, 0.034580770115221204, 0.0828939302250406, 0.3308134096500192, -0.12437982753741697, 0.18784124008180084, 0.5112410154968168, 0.6404267754519143}),
                Arguments.of("ab...,bc->ac...", new long[]{4}, "c", new long[]{2, 3, 2}, new long[]{3, 4}, new long[]{4, 1}, new long[]{2, 4, 2},
                        new double[]{0.7841920244065451, 0.36560158134971843, 0.49496490381352887, -0.23530546359502913, -0.06545158904529769, -0.4359946728245059, -0.2898735763022292, 0.03998622592753387, 0.7914975715911768, 0.5345610740126119, 0.6806821705348887, -0.04192407588150285, 0.12792979866822868, -0.3959853461002013, -0.26662202363639087, -0.11016089881524527}),
                Arguments.of("abc,cd->ad", new long[]{4}, null, new long[]{2, 3, 5}, new long[]{5, 4}, null, new long[]{2, 4},
                        new double[]{-0.26830286446300045, -0.302430710182534, -0.05850515569092407, 0.2392097691325725, 0.34105557190813107, 0.11139659929229011, -0.22067989298114377, -0.34986430936518287}),
                Arguments.of("abcd,cde->abe", new long[]{3, 4}, "b", new long[]{2, 3, 2, 5}, new long[]{2, 5, 4}, new long[]{3, 1}, new long[]{2, 3, 4},
                        new double[]{0.0016936205178052915, -0.07222079308457716, 0.0122037962381214, 0.17734781040655295, 0.2539924001288879, 0.40404658298335416, 0.36650127845195396, 0.17587546637181384, 0.3076994080128877, 0.1298014363112408, 0.10838323915414833, 0.2631366082327641, 0.033086891762397735, 0.1815709551785323, 0.2550590585872575, 0.18598657862234405, 0.30459036007547835, 0.23331083150900353, 0.13140547807392094, 0.09256561175783021, 0.19139552152722544, 0.1625287041633325, 0.26005236221030936, 0.39430369421315736}));
    }

    private static INDArray fill(long[] shape, java.util.function.DoubleUnaryOperator f) {
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(i + 1);
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    private static EinsumDense layer(String equation, long[] outputShape, String biasAxes) {
        return new EinsumDense(equation, outputShape).biasAxes(biasAxes).dtype("float64");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void shapesAndOutputMatchKeras(String equation, long[] outputShape, String biasAxes, long[] inputShape, long[] kernelShape,
                                   long[] biasShape, long[] expectedShape, double[] expected) {
        EinsumDense d = layer(equation, outputShape, biasAxes);
        KerasTensor out = d.apply(Input.of(Arrays.copyOfRange(inputShape, 1, inputShape.length)));
        assertArrayEquals(kernelShape, d.kernel().value().shape(), "kernel shape");
        if (biasShape == null) {
            assertEquals(null, d.bias());
        } else {
            assertArrayEquals(biasShape, d.bias().value().shape(), "bias shape");
            d.bias().assign(fill(biasShape, i -> 0.1 * i));
        }
        long[] symbolicOut = expectedShape.clone();
        symbolicOut[0] = -1;
        assertArrayEquals(symbolicOut, out.shape(), "symbolic output shape");
        d.kernel().assign(fill(kernelShape, i -> 0.5 * Math.cos(i)));
        INDArray y = d.applyAll(false, fill(inputShape, Math::sin))[0];
        assertArrayEquals(expectedShape, y.shape());
        assertArrayEquals(expected, y.dup().data().asDouble(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void harness(String equation, long[] outputShape, String biasAxes, long[] inputShape, long[] kernelShape,
                 long[] biasShape, long[] expectedShape, double[] expected) {
        long params = Arrays.stream(kernelShape).reduce(1, (a, b) -> a * b)
                + (biasShape == null ? 0 : Arrays.stream(biasShape).reduce(1, (a, b) -> a * b));
        LayerTestHarness.of(() -> new EinsumDense(equation, outputShape).biasAxes(biasAxes).activation("tanh"), inputShape)
                .expectedWeights(biasShape == null ? 1 : 2).expectedParams(params).expectedOutputShape(expectedShape).run();
    }

    @Test
    void glorotUniformCountsFansOverTheKernelInputAndOutputAxes() {
        // Keras's _update_kernel_initializer: kernel (c, d, e) = (64, 8, 16) has fan_in 64 and fan_out 128
        Utils.setRandomSeed(7);
        EinsumDense d = new EinsumDense("abc,cde->abde", -1, 8, 16);
        d.apply(Input.of(5, 64));
        INDArray k = d.kernel().value();
        double limit = Math.sqrt(6.0 / (64 + 8 * 16));
        assertTrue(k.maxNumber().doubleValue() <= limit && k.minNumber().doubleValue() >= -limit);
        assertEquals(limit * limit / 3, k.varNumber().doubleValue(), limit * limit / 3 * 0.05);
        assertTrue(k.maxNumber().doubleValue() > 0.95 * limit, "the default conv-style fans would give a smaller limit");
    }

    @Test
    void configUsesKerasKeys() {
        Map<String, Object> config = new EinsumDense("abc,cd->abd", -1, 4).biasAxes("d").getConfig();
        assertEquals("abc,cd->abd", config.get("equation"));
        assertEquals(Arrays.asList(null, 4L), config.get("output_shape"));
        assertEquals("d", config.get("bias_axes"));
        assertEquals("linear", config.get("activation"));
    }

    @Test
    void unsupportedEquationIsRejectedWithTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EinsumDense("ab->b", 3));
        assertTrue(e.getMessage().contains("ab->b") && e.getMessage().contains("[X],[Y]->[Z]"), e.getMessage());
    }

    @Test
    void biasAxisOutsideTheOutputIsRejected() {
        EinsumDense d = new EinsumDense("ab,bc->ac", 4).biasAxes("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.apply(Input.of(3)));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("'ac'"), e.getMessage());
    }

    @Test
    void wrongInputRankNamesEquationAndShape() {
        EinsumDense d = new EinsumDense("ab,bc->ac", 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.apply(Input.of(3, 5)));
        assertTrue(e.getMessage().contains("ab,bc->ac") && e.getMessage().contains("3, 5"), e.getMessage());
    }

    @Test
    void sharedDimensionMismatchIsRejected() {
        EinsumDense d = new EinsumDense("abc,cd->abd", 7, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.apply(Input.of(3, 5)));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("3") && e.getMessage().contains("7"), e.getMessage());
    }
}
