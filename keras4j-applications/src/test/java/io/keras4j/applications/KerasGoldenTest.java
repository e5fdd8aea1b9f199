package io.keras4j.applications;

import io.keras4j.models.Model;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each case of src/test/python/make_goldens.py built in Java: the JSON config equals Keras's (layer names included),
 * the parameter count equals Keras's, and where the script saved an output, the output with the seeded weights equals
 * Keras's.
 */
class KerasGoldenTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                golden("mobilenetv2_top32", 2_270_794, 2, () -> new MobileNetV2().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("mobilenetv2_default", 3_538_984, 0, () -> new MobileNetV2().weights((String) null).build()),
                golden("mobilenetv2_a035_avg", 410_208, 0, () -> new MobileNetV2().weights((String) null).alpha(0.35).includeTop(false)
                        .pooling("avg").inputShape(96, 96, 3).build()),
                golden("mobilenetv2_a14_none", 4_363_712, 0, () -> new MobileNetV2().weights((String) null).alpha(1.4).includeTop(false)
                        .inputShape(-1, -1, 3).build()),
                golden("mobilenetv2_a05_max_odd", 706_224, 0, () -> new MobileNetV2().weights((String) null).alpha(0.5).includeTop(false)
                        .pooling("max").inputShape(33, 47, 3).build()),
                golden("resnet50_top32", 23_608_202, 2, () -> new ResNet50().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("resnet50_default", 25_636_712, 0, () -> new ResNet50().weights((String) null).build()),
                golden("resnet101_max", 42_658_176, 0, () -> new ResNet101().weights((String) null).includeTop(false).pooling("max").build()),
                golden("resnet152_none", 58_370_944, 0, () -> new ResNet152().weights((String) null).includeTop(false).inputShape(64, 48, 3).build()),
                golden("resnet50v2_avg32", 23_564_800, 2, () -> new ResNet50V2().weights((String) null).includeTop(false).pooling("avg")
                        .inputShape(32, 32, 3).build()),
                golden("resnet50v2_default", 25_613_800, 0, () -> new ResNet50V2().weights((String) null).build()),
                golden("resnet101v2_none", 42_626_560, 0, () -> new ResNet101V2().weights((String) null).includeTop(false).build()),
                golden("resnet152v2_avg", 58_331_648, 0, () -> new ResNet152V2().weights((String) null).includeTop(false).pooling("avg")
                        .inputShape(40, 40, 3).build()),
                golden("vgg16_top32", 33_638_218, 2, () -> new VGG16().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("vgg19_avg", 20_024_384, 0, () -> new VGG19().weights((String) null).includeTop(false).pooling("avg").build()),
                golden("vgg19_max32", 20_024_384, 1, () -> new VGG19().weights((String) null).includeTop(false).pooling("max")
                        .inputShape(32, 32, 3).build()),
                golden("mobilenet_top32", 3_239_114, 2, () -> new MobileNet().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("mobilenet_default", 4_253_864, 0, () -> new MobileNet().weights((String) null).build()),
                golden("mobilenet_a025_dm2_avg", 430_888, 0, () -> new MobileNet().weights((String) null).alpha(0.25).depthMultiplier(2)
                        .includeTop(false).pooling("avg").inputShape(128, 128, 3).build()),
                golden("mobilenet_a075_none", 1_832_976, 0, () -> new MobileNet().weights((String) null).alpha(0.75).includeTop(false).build()),
                golden("densenet121_top32", 7_047_754, 2, () -> new DenseNet121().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("densenet121_default", 8_062_504, 0, () -> new DenseNet121().weights((String) null).build()),
                golden("densenet169_max", 12_642_880, 0, () -> new DenseNet169().weights((String) null).includeTop(false).pooling("max").build()),
                golden("densenet201_none", 18_321_984, 0, () -> new DenseNet201().weights((String) null).includeTop(false)
                        .inputShape(64, 80, 3).build()),
                golden("inceptionv3_top75", 21_823_274, 1, () -> new InceptionV3().weights((String) null).inputShape(75, 75, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("inceptionv3_default", 23_851_784, 0, () -> new InceptionV3().weights((String) null).build()),
                golden("inceptionv3_avg", 21_802_784, 0, () -> new InceptionV3().weights((String) null).includeTop(false).pooling("avg").build()),
                golden("xception_top71", 20_881_970, 1, () -> new Xception().weights((String) null).inputShape(71, 71, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("xception_default", 22_910_480, 0, () -> new Xception().weights((String) null).build()),
                golden("xception_max", 20_861_480, 0, () -> new Xception().weights((String) null).includeTop(false).pooling("max")
                        .inputShape(100, 120, 3).build()),
                golden("efficientnetb0_top32", 4_062_381, 2, () -> new EfficientNetB0().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("efficientnetb0_default", 5_330_571, 0, () -> new EfficientNetB0().weights((String) null).build()),
                golden("efficientnetb1_notop", 6_575_239, 0, () -> new EfficientNetB1().weights((String) null).includeTop(false).pooling("avg").build()),
                golden("efficientnetb2_notop", 7_768_569, 0, () -> new EfficientNetB2().weights((String) null).includeTop(false).build()),
                golden("efficientnetb3_notop", 10_783_535, 0, () -> new EfficientNetB3().weights((String) null).includeTop(false).pooling("avg").build()),
                golden("efficientnetv2b0_top32", 5_932_122, 2, () -> new EfficientNetV2B0().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()),
                golden("efficientnetv2b0_default", 7_200_312, 0, () -> new EfficientNetV2B0().weights((String) null).build()),
                golden("efficientnetv2b0_noprep", 5_919_312, 0, () -> new EfficientNetV2B0().weights((String) null).includeTop(false)
                        .includePreprocessing(false).build()),
                golden("efficientnetv2b1_notop", 6_931_124, 0, () -> new EfficientNetV2B1().weights((String) null).includeTop(false).pooling("avg").build()),
                golden("efficientnetv2b2_notop", 8_769_374, 0, () -> new EfficientNetV2B2().weights((String) null).includeTop(false).build()),
                golden("efficientnetv2b3_notop", 12_930_622, 0, () -> new EfficientNetV2B3().weights((String) null).includeTop(false).pooling("max").build()),
                golden("efficientnetv2s_top32", 20_344_170, 0, () -> new EfficientNetV2S().weights((String) null).inputShape(32, 32, 3).classes(10)
                        .classifierActivation(null).build()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mobilenetv2_top32", "mobilenet_top32", "resnet50_top32", "resnet50v2_avg32", "vgg19_max32", "densenet121_top32",
        "inceptionv3_top75", "xception_top71", "efficientnetb0_top32", "efficientnetv2b0_top32", "efficientnetv2s_top32"})
    void kerasJsonReadsAndWritesBackUnchanged(String name) {
        ApplicationGoldens.assertKerasJsonRoundTrips(name);
    }

    /** The largest models (18M-64M parameters), whose random initialization alone takes seconds: {@code -Dkeras4j.applications.large=true}. */
    static Stream<Arguments> largeCases() {
        return Stream.of(
                golden("efficientnetb4_notop", 17_673_823, 0, () -> new EfficientNetB4().weights((String) null).includeTop(false).build()),
                golden("efficientnetb5_notop", 28_513_527, 0, () -> new EfficientNetB5().weights((String) null).includeTop(false).pooling("avg").build()),
                golden("efficientnetb6_notop", 40_960_143, 0, () -> new EfficientNetB6().weights((String) null).includeTop(false).build()),
                golden("efficientnetb7_notop", 64_097_687, 0, () -> new EfficientNetB7().weights((String) null).includeTop(false).pooling("avg").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeCases")
    @EnabledIfSystemProperty(named = "keras4j.applications.large", matches = "true")
    void largeModelsMatchKeras(String name, long params, int batch, Supplier<Model> factory) {
        matchesKeras(name, params, batch, factory);
    }

    private static Arguments golden(String name, long params, int batch, Supplier<Model> factory) {
        return arguments(name, params, batch, factory);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(String name, long params, int batch, Supplier<Model> factory) {
        Model model = ApplicationGoldens.assertConfigEquals(name, factory);
        assertEquals(params, model.countParams(), name + ": parameter count (Keras's count_params)");
        if (batch > 0) {
            ApplicationGoldens.assertOutputEquals(name, model, batch);
        }
    }
}
