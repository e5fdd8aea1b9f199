package io.keras4j.utils.plot;

import io.keras4j.callbacks.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryChartTest {
    @TempDir
    Path dir;

    private static History history(int epochs, boolean validation) {
        History h = new History();
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("accuracy", 0.8 + 0.02 * e);
            logs.put("loss", 1.0 / (e + 1));
            if (validation) {
                logs.put("val_accuracy", 0.78 + 0.015 * e);
                logs.put("val_loss", 1.1 / (e + 1));
            }
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    @Test
    void onePanelPerMetricLossFirstWithItsValidationValues() {
        HistoryChart c = new HistoryChart(history(3, true).history());
        assertEquals(2, c.panels.size());
        assertEquals("loss", c.panels.get(0).metric());
        assertEquals("accuracy", c.panels.get(1).metric());
        assertEquals(List.of(1.1, 0.55, 1.1 / 3), c.panels.get(0).val());
        assertNull(new HistoryChart(history(3, false).history()).panels.get(1).val());
    }

    @Test
    void ticksAreRoundNumbersInsideTheLimits() {
        HistoryChart.Axis a = new HistoryChart.Axis(-0.04, 1.04, 0, 100, false);
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), a.ticks);
        assertEquals("0.4", a.label(0.4));
        // 10 epochs with 5% margins: range 9.9, at most about eight ticks -> step 2 (the next of 1, 2, 2.5, 5 above 9.9 / 8)
        HistoryChart.Axis epochs = new HistoryChart.Axis(0.55, 10.45, 0, 100, true);
        assertEquals(List.of(2.0, 4.0, 6.0, 8.0, 10.0), epochs.ticks);
        assertEquals("4", epochs.label(4));
        // 5 epochs: range 4.4 -> 0.55 -> step 1, whole epochs only
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), new HistoryChart.Axis(0.8, 5.2, 0, 100, true).ticks);
        assertEquals(0, a.map(-0.04), 1e-9);
        assertEquals(100, a.map(1.04), 1e-9);
    }

    @Test
    void pngAndSvgFigures() throws Exception {
        History h = history(5, true);
        Path png = dir.resolve("history.png");
        h.plot(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());    // two panels of 5 inches at 100 dpi
        assertEquals(375, image.getHeight());
        int blue = 0;
        int orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                blue += rgb == 0x1f77b4 ? 1 : 0;
                orange += rgb == 0xff7f0e ? 1 : 0;
            }
        }
        assertTrue(blue > 200 && orange > 200, "both curves are drawn: " + blue + " blue, " + orange + " orange pixels");
        Path svg = dir.resolve("history.svg");
        h.plot(svg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        String text = doc.getDocumentElement().getTextContent();
        for (String s : List.of("Training and validation loss", "Training and validation accuracy", "Epoch", "Training", "Validation")) {
            assertTrue(text.contains(s), s);
        }
        assertEquals(4, doc.getElementsByTagName("polyline").getLength() - countTicks(doc) - 4,
                "four curves (and four legend samples)");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    private static int countTicks(Document doc) {
        int ticks = 0;
        var lines = doc.getElementsByTagName("polyline");
        for (int i = 0; i < lines.getLength(); i++) {
            if (lines.item(i).getAttributes().getNamedItem("points").getNodeValue().split(" ").length == 2
                    && "#000000".equals(lines.item(i).getAttributes().getNamedItem("stroke").getNodeValue())) {
                ticks++;
            }
        }
        return ticks;
    }

    @Test
    void errors() {
        History empty = new History();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.plot(dir.resolve("h.png")));
        assertTrue(e.getMessage().contains("no epoch"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> history(2, false).plot(dir.resolve("h.jpg")));
        assertTrue(bad.getMessage().contains(".png or .svg") && bad.getMessage().contains("h.jpg"), bad.getMessage());
        assertThrows(java.io.UncheckedIOException.class, () -> history(2, false).plot(dir.resolve("missing/h.png")));
        assertTrue(Files.notExists(dir.resolve("h.jpg")));
    }
}
