package io.keras4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * keras4j's event encoding against an event file TensorFlow 2.21 wrote (src/test/python/write_reference_events.py):
 * every event, re-encoded by {@link Events} from its decoded values, has TensorFlow's exact bytes.
 */
class EventsReferenceTest {
    private static List<EventReader.Event> reference() throws IOException, URISyntaxException {
        Path dir = Path.of(EventsReferenceTest.class.getResource("reference").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.toList();
            assertEquals(1, list.size(), list.toString());
            assertTrue(list.get(0).getFileName().toString().matches("events\\.out\\.tfevents\\.\\d{10}\\.[^.]+\\.\\d+\\.0\\.v2"));
            return EventReader.read(list.get(0));
        }
    }

    /** The data write_reference_events.py's {@code histogram_data(n)} holds (float32 values in [-1, 1]). */
    private static double[] histogramData(int n) {
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (((i * 7) % 13 - 6) / 6.0);
        }
        return data;
    }

    @Test
    void fileVersionEventIsTensorFlows() throws Exception {
        EventReader.Event first = reference().get(0);
        assertEquals("brain.Event:2", first.fileVersion());
        assertEquals("tensorflow.core.util.events_writer", first.sourceWriter());
        assertArrayEquals(first.raw(), Events.fileVersion(first.wallTime(), first.sourceWriter()));
    }

    @Test
    void scalarsAreTensorFlowsBytes() throws Exception {
        List<EventReader.Event> events = reference();
        String[] tags = {"epoch_loss", "batch_accuracy", "evaluation_loss_vs_iterations"};
        long[] steps = {0, 7, 123456789};
        float[] values = {0.8125f, 0.3333333f, 1.25e-3f};
        for (int i = 0; i < tags.length; i++) {
            EventReader.Event e = events.get(1 + i);
            EventReader.Value v = e.value();
            assertEquals(tags[i], v.tag());
            assertEquals(steps[i], e.step());
            assertEquals("scalars", v.pluginName());
            assertEquals(values[i], v.scalar());
            assertArrayEquals(e.raw(), Events.scalar(e.wallTime(), steps[i], tags[i], values[i]), tags[i]);
        }
    }

    @Test
    void histogramsAreTensorFlowsBucketsAndBytes() throws Exception {
        List<EventReader.Event> events = reference();
        EventReader.Event spread = events.get(4);
        assertEquals("sequential/dense/kernel/histogram", spread.value().tag());
        assertEquals("histograms", spread.value().pluginName());
        double[][] buckets = HistogramBuckets.of(histogramData(40), 30);
        assertArrayEquals(spread.value().histogram(), buckets);
        assertArrayEquals(spread.raw(), Events.histogram(spread.wallTime(), 1, spread.value().tag(), buckets));

        EventReader.Event constant = events.get(5);
        double[][] same = HistogramBuckets.of(new double[]{0.5, 0.5, 0.5, 0.5, 0.5}, 30);
        assertArrayEquals(constant.value().histogram(), same);
        assertArrayEquals(constant.raw(), Events.histogram(constant.wallTime(), 2, constant.value().tag(), same));
    }

    @Test
    void kerasModelSummaryIsTensorFlowsBytes() throws Exception {
        EventReader.Event model = reference().get(6);
        EventReader.Value v = model.value();
        assertEquals("keras", v.tag());
        assertEquals("graph_keras_model", v.pluginName());
        assertEquals("1", v.pluginContent());
        assertEquals(7, v.dtype());
        assertTrue(v.stringVal().get(0).startsWith("{\"module\": \"keras\", \"class_name\": \"Sequential\""));
        assertArrayEquals(model.raw(), Events.kerasModel(model.wallTime(), 0, "keras", v.stringVal().get(0)));
    }
}
