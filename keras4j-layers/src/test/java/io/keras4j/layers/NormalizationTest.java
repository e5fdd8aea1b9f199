package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LayerNormalization, GroupNormalization, RMSNormalization and UnitNormalization against values computed by
 * Keras 3.15 (src/test/python/normalization_goldens.py): input {@code x[i] = sin(i + 1)} of shape (2, 3, 4),
 * gamma[j] = 1 + 0.1 j, beta[j] = 0.05 j - 0.1.
 */
class NormalizationTest {
    private static final double[] LAYER_NORM = {0.7291943793810636, 0.9730435106975969, -0.2545151262250171, -1.9612793948518044, -1.4781587211607101, -0.5950129192595912, 0.8651214540177414, 1.548497606296493, 1.5095224963075964, -0.3209503822307923, -1.3576106137305253, -0.2514203255675358, -0.1492534726346677, 1.232420874564454, 0.5291101429818579, -1.97476144677539, -1.167071100040864, -0.9146758055720796, 0.500439102664721, 1.9169396572363757, 1.3998788283951067, 0.2932885093026621, -1.0371426670310786, -1.1819758561997826};
    private static final double[] LAYER_NORM_RMS = {1.2511092557397714, 1.4871498746921756, 0.25178272540543223, -1.4627900555854843, -1.2456574931666193, -0.3992615684660914, 1.0241229276106503, 1.670749202688811, 0.7999108032111223, -1.1615232446369135, -2.3291446454462945, -1.3539155265929521, 0.8949946438823082, 2.321093802733128, 1.6622078828022289, -0.7972388953033214, -1.2839431681829445, -1.103235080528368, 0.24019262089422438, 1.585005968651671, 1.1753637298953037, -0.013678099047121261, -1.4265607852308422, -1.6538454842495267};
    private static final double[] LAYER_NORM_AXES_1_2 = {1.1757586719172604, 1.446304765607366, 0.35102006546129516, -1.1890861331770275, -1.6326287784390618, -0.3068153219208277, 1.7738340239839288, 2.6957659022532923, 1.4497536528837636, -0.9491606032173028, -2.2313937483656896, -0.9748537728107176, 0.5590309445082171, 1.5342129260929422, 1.153391673139373, -0.3984529950486638, -1.6968670501801573, -1.3451231028442192, 0.5953404118318047, 2.4608833578269493, 2.44481633668219, 0.3829202389818672, -1.8906913223417774, -2.132910834106952};
    private static final double[] GROUP_NORM_2 = {1.0039833141809802, 1.2702452637631254, 0.3673235939731663, -1.1370504297912674, -1.5506164798991207, -0.585099752985281, 1.2078694499110567, 1.9452171283516322, 0.39477053092710196, -0.998096612507702, -1.4919855363858527, -0.7483081650169326, 0.34789048089969216, 1.288006700649463, 1.2193243490929748, -0.3876213249002833, -1.5133097771010262, -1.2928368876893575, 0.3535009921323632, 1.8632627104649981, 0.9089708190593935, -0.19307648810397113, -1.3699727458697635, -1.5453983638665876};
    private static final double[] RMS_NORM = {1.1537927723629655, 1.3714731698837486, 0.23219801743602592, -1.3490081588605902, -1.2358888143840785, -0.3961304846537636, 1.0160915642796018, 1.65764687530204, 0.6224077529180023, -0.903777108340517, -1.81229917032463, -1.0534768591256303, 0.651517716485949, 1.6896567420187087, 1.210016050409639, -0.5803557240395103, -1.2558430140775876, -1.079089871810792, 0.23493580748584805, 1.5503168071056388, 1.1189686174336158, -0.013021810347372783, -1.3581129899907312, -1.5744923447011292};
    private static final double[] UNIT_NORM = {0.5768969284891848, 0.6233974814219078, 0.09674926488011025, -0.5188497796103657, -0.6179449204197877, -0.18005946075277496, 0.42337183674359147, 0.6375570200171591, 0.31120423137170344, -0.4108082450244642, -0.755125515484427, -0.4051838694477428, 0.3257592498725893, 0.7680267151527516, 0.5041739604581399, -0.22321400836434105, -0.627922042762244, -0.4904958147533227, 0.09789000330245956, 0.5962762037648401, 0.5594848090978257, -0.0059190099970789925, -0.5658809185975824, -0.6055745203330307};

    static Stream<Arguments> harnessCases() {
        return Stream.of(
                Arguments.of("LayerNormalization", (Supplier<Layer>) LayerNormalization::new, 2),
                Arguments.of("LayerNormalization rms_scaling", (Supplier<Layer>) () -> new LayerNormalization().rmsScaling(true), 1),
                Arguments.of("LayerNormalization axes 1, 2", (Supplier<Layer>) () -> new LayerNormalization().axes(1, 2), 2),
                Arguments.of("LayerNormalization axis 1 no center", (Supplier<Layer>) () -> new LayerNormalization().axis(1).center(false), 1),
                Arguments.of("GroupNormalization 2", (Supplier<Layer>) () -> new GroupNormalization(2), 2),
                Arguments.of("GroupNormalization instance", (Supplier<Layer>) () -> new GroupNormalization(-1).scale(false), 1),
                Arguments.of("GroupNormalization axis 1", (Supplier<Layer>) () -> new GroupNormalization(3).axis(1), 2),
                Arguments.of("RMSNormalization", (Supplier<Layer>) RMSNormalization::new, 1),
                Arguments.of("RMSNormalization axes 1, 2", (Supplier<Layer>) () -> new RMSNormalization().axes(1, 2), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harnessCases")
    void harness(String name, Supplier<Layer> factory, int weights) {
        LayerTestHarness.of(factory, 2, 3, 4).expectedWeights(weights).expectedOutputShape(2, 3, 4).run();
    }

    private static INDArray x() {
        double[] v = new double[24];
        for (int i = 0; i < 24; i++) {
            v[i] = Math.sin(i + 1);
        }
        return Nd4j.createFromArray(v).reshape(2, 3, 4);
    }

    private static INDArray ramp(double start, double step, long... shape) {
        return Nd4j.linspace(DataType.DOUBLE, start, step, (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)).reshape(shape);
    }

    private static double[] run(Layer layer, INDArray... weights) {
        layer.dtype("float64");
        INDArray x = x();
        layer.applyAll(false, x);
        for (int i = 0; i < weights.length; i++) {
            layer.weights().get(i).assign(weights[i]);
        }
        return layer.applyAll(false, x)[0].reshape(24).toDoubleVector();
    }

    static Stream<Arguments> goldenCases() {
        INDArray g = ramp(1, 0.1, 4);
        INDArray b = ramp(-0.1, 0.05, 4);
        return Stream.of(
                Arguments.of("layer_norm", (Supplier<double[]>) () -> run(new LayerNormalization(), g, b), LAYER_NORM),
                Arguments.of("layer_norm_rms", (Supplier<double[]>) () -> run(new LayerNormalization().rmsScaling(true), g), LAYER_NORM_RMS),
                Arguments.of("layer_norm_axes_1_2", (Supplier<double[]>) () -> run(new LayerNormalization().axes(1, 2),
                        ramp(1, 0.1, 3, 4), ramp(0, 0.05, 3, 4)), LAYER_NORM_AXES_1_2),
                Arguments.of("group_norm_2", (Supplier<double[]>) () -> run(new GroupNormalization(2), g, b), GROUP_NORM_2),
                Arguments.of("rms_norm", (Supplier<double[]>) () -> run(new RMSNormalization(), g), RMS_NORM),
                Arguments.of("unit_norm", (Supplier<double[]>) () -> run(new UnitNormalization()), UNIT_NORM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void matchesKeras(String name, Supplier<double[]> actual, double[] expected) {
        assertArrayEquals(expected, actual.get(), 1e-12);
    }

    @Test
    void defaultsAsKeras() {
        Map<String, Object> ln = new LayerNormalization().getConfig();
        assertEquals(-1, ln.get("axis"));
        assertEquals(1e-3, ln.get("epsilon"));
        assertEquals(false, ln.get("rms_scaling"));
        Map<String, Object> gn = new GroupNormalization().getConfig();
        assertEquals(32, gn.get("groups"));
        assertEquals(1e-3, gn.get("epsilon"));
        assertEquals(1e-6, new RMSNormalization().getConfig().get("epsilon"));
    }

    @Test
    void keras2ListAxisIsAccepted() {
        LayerNormalization ln = LayerNormalization.fromConfig(Map.of("axis", List.of(2), "epsilon", 1e-5));
        assertEquals(List.of(2), ln.getConfig().get("axis"));
        assertArrayEquals(new long[]{-1, 3, 4}, ln.apply(Input.of(3, 4)).shape());
    }

    @Test
    void groupsMustDivideChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroupNormalization(3).name("gn_x").apply(Input.of(5, 4)));
        assertTrue(e.getMessage().contains("gn_x") && e.getMessage().contains("(3)") && e.getMessage().contains("(4)"), e.getMessage());
    }
}
