package io.keras4j.applications;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagenetUtilsTest {
    /** One 1x2 image: pixels (R, G, B) = (10, 20, 30) and (255, 0, 127.5). */
    private static INDArray image() {
        return Nd4j.createFromArray(new float[] {10, 20, 30, 255, 0, 127.5f}).reshape(1, 1, 2, 3);
    }

    @Test
    void caffeModeIsBgrMinusMeans() {
        // by hand: BGR order, minus [103.939, 116.779, 123.68]
        float[] expected = {30 - 103.939f, 20 - 116.779f, 10 - 123.68f, 127.5f - 103.939f, 0 - 116.779f, 255 - 123.68f};
        INDArray x = image();
        assertArrayEquals(expected, ResNet50.preprocessInput(x).data().asFloat(), 1e-4f);
        assertArrayEquals(expected, VGG16.preprocessInput(x).data().asFloat(), 1e-4f);
        assertArrayEquals(new long[] {1, 1, 2, 3}, ResNet50.preprocessInput(x).shape());
        assertEquals(10f, x.getFloat(0), "the input is left unchanged");
    }

    @Test
    void tfModeScalesToMinusOneOne() {
        float[] expected = {10 / 127.5f - 1, 20 / 127.5f - 1, 30 / 127.5f - 1, 1, -1, 0};
        assertArrayEquals(expected, MobileNetV2.preprocessInput(image()).data().asFloat(), 1e-6f);
        assertArrayEquals(expected, ResNet50V2.preprocessInput(image()).data().asFloat(), 1e-6f);
        assertArrayEquals(expected, MobileNet.preprocessInput(image()).data().asFloat(), 1e-6f);
    }

    @Test
    void torchModeNormalizesPerChannel() {
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        float[] pixels = {10, 20, 30, 255, 0, 127.5f};
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = (float) ((pixels[i] / 255.0 - mean[i % 3]) / std[i % 3]);
        }
        assertArrayEquals(expected, DenseNet121.preprocessInput(image()).data().asFloat(), 1e-5f);
    }

    @Test
    void rejectsBadModeAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagenetUtils.preprocessInput(image(), "keras"));
        assertTrue(e.getMessage().contains("\"keras\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImagenetUtils.preprocessInput(Nd4j.zeros(1, 4, 4, 1), "tf"));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }

    @Test
    void decodePredictionsGivesTopClassesBestFirst(@TempDir Path temp) throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(i).append("\": [\"n").append(1000 + i).append("\", \"class_").append(i).append("\"]");
        }
        Path index = temp.resolve("imagenet_class_index.json");
        Files.writeString(index, json.append('}').toString());
        INDArray preds = Nd4j.zeros(2, 1000);
        preds.putScalar(0, 7, 0.5);
        preds.putScalar(0, 3, 0.3);
        preds.putScalar(0, 999, 0.2);
        preds.putScalar(1, 42, 0.9);
        List<List<ImagenetUtils.Prediction>> top = ImagenetUtils.decodePredictions(preds, 3, index);
        assertEquals(2, top.size());
        assertEquals(List.of(new ImagenetUtils.Prediction("n1007", "class_7", 0.5f), new ImagenetUtils.Prediction("n1003", "class_3", 0.3f),
                new ImagenetUtils.Prediction("n1999", "class_999", 0.2f)), top.get(0));
        assertEquals("class_42", top.get(1).get(0).description());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagenetUtils.decodePredictions(Nd4j.zeros(2, 10), 5, index));
        assertTrue(e.getMessage().contains("(samples, 1000)"), e.getMessage());
    }
}
