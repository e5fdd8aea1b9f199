package io.keras4j.models;

import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Names;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.Input;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** model.summary() against the text real Keras 3 prints for the same models (src/test/python/summary_golden.py). */
class SummaryTest {
    @BeforeEach
    void resetNames() {
        Names.clear();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SummaryTest.class.getResourceAsStream("/summary/" + name + ".txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.substring(0, text.length() - 1);
        }
    }

    @Test
    void sequentialMatchesKeras() throws IOException {
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        assertEquals(golden("sequential_mlp"), model.summaryString());
    }

    @Test
    void functionalWithSharedLayerShowsConnections() throws IOException {
        KerasTensor a = Input.of(new long[]{3}, "a", null);
        KerasTensor b = Input.of(new long[]{3}, "b", null);
        Dense shared = new Dense(2).name("shared");
        KerasTensor first = shared.apply(a);
        KerasTensor second = new Dense(1).name("out2").apply(shared.apply(b));
        Model model = new Model(List.of(a, b), List.of(first, second));
        model.name("two");
        assertEquals(golden("functional_shared"), model.summaryString());
    }
}
