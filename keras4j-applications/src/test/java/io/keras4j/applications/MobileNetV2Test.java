package io.keras4j.applications;

import io.keras4j.models.Model;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MobileNetV2Test {
    @Test
    void namesFollowKeras() {
        assertEquals("mobilenetv2_0.35_96", new MobileNetV2().weights((String) null).alpha(0.35).inputShape(96, 96, 3).build().name());
        assertEquals("mobilenetv2_1.00_None", new MobileNetV2().weights((String) null).includeTop(false).build().name());
        assertEquals("mine", new MobileNetV2().weights((String) null).includeTop(false).name("mine").build().name());
    }

    @Test
    void inputTensorBecomesTheModelInput() {
        io.keras4j.engine.KerasTensor image = io.keras4j.layers.Input.of(new long[] {64, 64, 3}, "image", null);
        Model model = new MobileNetV2().weights((String) null).includeTop(false).pooling("avg").inputTensor(image).build();
        assertEquals(java.util.List.of(image), model.inputs());
        assertEquals("mobilenetv2_1.00_None", model.name(), "Keras names the model from inputShape, not given here");
        assertEquals(1280, model.outputs().get(0).shape()[1]);
    }

    @Test
    void makeDivisibleRoundsAsKeras() {
        // by hand from _make_divisible: 32 * 0.35 = 11.2 -> int(15.2) // 8 * 8 = 8, below 0.9 * 11.2 -> 16
        assertEquals(16, MobileNetV2.makeDivisible(32 * 0.35, 8));
        assertEquals(8, MobileNetV2.makeDivisible(3, 8));
        assertEquals(1792, MobileNetV2.makeDivisible(1280 * 1.4, 8));
    }

    @Test
    void rejectsArgumentsAsKerasDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MobileNetV2().alpha(0.6).includeTop(false).inputShape(96, 96, 3).build());
        assertTrue(e.getMessage().contains("alpha must be one of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MobileNetV2().weights((String) null).inputShape(16, 16, 3).build());
        assertTrue(e.getMessage().contains("at least 32x32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MobileNetV2().classes(10).build());
        assertTrue(e.getMessage().contains("`classes` should be 1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MobileNetV2().weights("no/such/file.h5").build());
        assertTrue(e.getMessage().contains("weights=no/such/file.h5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MobileNetV2().includeTop(true).inputShape(-1, -1, 3)
                .weights((String) null).build());
        assertTrue(e.getMessage().contains("static `inputShape`"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MobileNetV2().pooling("mean"));
        assertTrue(e.getMessage().contains("\"mean\""), e.getMessage());
    }
}
