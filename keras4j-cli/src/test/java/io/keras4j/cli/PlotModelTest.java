package io.keras4j.cli;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Node;
import io.keras4j.engine.Shapes;
import io.keras4j.layers.Add;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.Input;
import io.keras4j.layers.ReLU;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import io.keras4j.utils.plot.PlotOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Utils.plotModel on the seed model, Keras's two-input functional model, an LSTM model and a nested model. */
class PlotModelTest {
    @TempDir
    Path dir;

    private static Sequential seed() {
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        return model;
    }

    /** The boxes (black table backgrounds) and the texts and edges of a model SVG. */
    private record Svg(List<double[]> boxes, List<double[][]> edges, String text, double width, double height) {
        static Svg read(Path file) throws Exception {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            List<double[]> boxes = new ArrayList<>();
            NodeList rects = doc.getElementsByTagName("rect");
            for (int i = 0; i < rects.getLength(); i++) {
                Element r = (Element) rects.item(i);
                if ("#000000".equals(r.getAttribute("fill"))) {
                    boxes.add(new double[]{d(r, "x"), d(r, "y"), d(r, "width"), d(r, "height")});
                }
            }
            List<double[][]> edges = new ArrayList<>();
            NodeList lines = doc.getElementsByTagName("polyline");
            for (int i = 0; i < lines.getLength(); i++) {
                String[] pts = ((Element) lines.item(i)).getAttribute("points").split(" ");
                double[][] p = new double[pts.length][];
                for (int k = 0; k < pts.length; k++) {
                    String[] xy = pts[k].split(",");
                    p[k] = new double[]{Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
                }
                edges.add(p);
            }
            Element root = doc.getDocumentElement();
            return new Svg(boxes, edges, root.getTextContent(), Double.parseDouble(root.getAttribute("width").replace("pt", "")),
                    Double.parseDouble(root.getAttribute("height").replace("pt", "")));
        }

        private static double d(Element e, String name) {
            return Double.parseDouble(e.getAttribute(name));
        }

        void assertNoOverlap() {
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    double[] a = boxes.get(i);
                    double[] b = boxes.get(j);
                    boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                    assertTrue(apart, "boxes " + i + " and " + j + " overlap");
                }
            }
        }

        /** Each edge starts on the border of one box and its arrow ends on the border of another, outside all boxes. */
        void assertEdgesJoinBoxes() {
            for (double[][] e : edges) {
                assertTrue(onBorder(e[0]), "edge starts on a box: " + e[0][0] + "," + e[0][1]);
                for (int k = 1; k + 1 < e.length; k++) {
                    for (double[] b : boxes) {
                        boolean inside = e[k][0] > b[0] + 0.5 && e[k][0] < b[0] + b[2] - 0.5 && e[k][1] > b[1] + 0.5 && e[k][1] < b[1] + b[3] - 0.5;
                        assertFalse(inside, "an edge bend lies inside a box");
                    }
                }
            }
        }

        private boolean onBorder(double[] p) {
            for (double[] b : boxes) {
                boolean inX = p[0] >= b[0] - 0.01 && p[0] <= b[0] + b[2] + 0.01;
                boolean inY = p[1] >= b[1] - 0.01 && p[1] <= b[1] + b[3] + 0.01;
                boolean edgeX = Math.abs(p[0] - b[0]) < 0.02 || Math.abs(p[0] - b[0] - b[2]) < 0.02;
                boolean edgeY = Math.abs(p[1] - b[1]) < 0.02 || Math.abs(p[1] - b[1] - b[3]) < 0.02;
                if (inX && inY && (edgeX || edgeY)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The distinct (producer, consumer) layer pairs of a model's graph, from the public graph API. */
    private static int connections(Model model) {
        if (model instanceof Sequential) {
            return model.layers().size() - 1;
        }
        Set<List<String>> pairs = new HashSet<>();
        for (Layer layer : model.layers()) {
            for (Node node : layer.inboundNodes()) {
                for (KerasTensor t : node.inputs()) {
                    pairs.add(List.of(t.node().layer().name(), layer.name()));
                }
            }
        }
        return pairs.size();
    }

    private Svg check(Model model, String name, PlotOptions options) throws Exception {
        Path svgFile = dir.resolve(name + ".svg");
        Utils.plotModel(model, svgFile, options);
        Svg svg = Svg.read(svgFile);
        svg.assertNoOverlap();
        svg.assertEdgesJoinBoxes();
        Path png = dir.resolve(name + ".png");
        Utils.plotModel(model, png, options);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Math.ceil(svg.width() * options.dpi() / 72), image.getWidth(), 1.0);
        assertEquals(Math.ceil(svg.height() * options.dpi() / 72), image.getHeight(), 1.0);
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                ink += (image.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        double fraction = (double) ink / ((long) image.getWidth() * image.getHeight());
        assertTrue(fraction > 0.05 && fraction < 0.8, "ink covers " + fraction + " of the picture");
        return svg;
    }

    @Test
    void seedModel() throws Exception {
        Sequential model = seed();
        Svg svg = check(model, "seed", new PlotOptions().showShapes(true).showLayerNames(true).dpi(96));
        assertEquals(3, svg.boxes().size(), "a Sequential's InputLayer is not drawn, as in Keras");
        assertEquals(2, svg.edges().size());
        for (String s : List.of(model.layers().get(0).name() + " (Flatten)", model.layers().get(1).name() + " (Dense)",
                model.layers().get(2).name() + " (Dense)", "Input shape: (None, 784)", "Output shape: (None, 512)", "Output shape: (None, 10)")) {
            assertTrue(svg.text().contains(s), s + " in " + svg.text());
        }
        // top to bottom: one column, boxes one under the other
        for (int i = 1; i < 3; i++) {
            assertTrue(svg.boxes().get(i)[1] > svg.boxes().get(i - 1)[1] + svg.boxes().get(i - 1)[3]);
        }
        assertTrue(svg.width() > 300 && svg.width() < 600 && svg.height() > 200 && svg.height() < 400,
                svg.width() + " x " + svg.height() + " pt");
    }

    @Test
    void twoInputTwoOutputFunctionalModel() throws Exception {
        Model model = Models.loadModel(Reference.k3("functional_two_inputs.keras"));
        Svg svg = check(model, "two_inputs", new PlotOptions().showShapes(true).showLayerNames(true).showDtype(true).dpi(72));
        assertEquals(model.layers().size(), svg.boxes().size(), "one box per layer, InputLayers included");
        assertEquals(12, connections(model));
        assertEquals(connections(model), svg.edges().size());
        for (Layer layer : model.layers()) {
            assertTrue(svg.text().contains(layer.name() + " (" + layer.className() + ")"), layer.name());
            long[] out = layer instanceof InputLayer in ? in.batchShape() : layer.inboundNodes().get(0).outputs().get(0).shape();
            assertTrue(svg.text().contains("Output shape: " + Shapes.format(out)), layer.name());
        }
        assertTrue(svg.text().contains("Input shape: [(None, 16), (None, 16)]"), svg.text());
        assertTrue(svg.text().contains("Output dtype: float32"));
    }

    @Test
    void lstmModelLeftToRight() throws Exception {
        Model model = Models.loadModel(Reference.k3("lstm.keras"));
        Svg svg = check(model, "lstm", new PlotOptions().showShapes(true).showLayerActivations(true).rankdir("LR").dpi(72));
        assertEquals(2, svg.boxes().size());
        assertTrue(svg.text().contains("LSTM") && svg.text().contains("Input shape: (None, 7, 5)") && svg.text().contains("Activation: tanh"),
                svg.text());
        assertFalse(svg.text().contains("lstm (LSTM)"), "layer names are off by default, as in plot_model");
        double[] first = svg.boxes().get(0);
        double[] second = svg.boxes().get(1);
        assertTrue(second[0] >= first[0] + first[2], "LR: the second box is right of the first");
        assertEquals(first[1] + first[3] / 2, second[1] + second[3] / 2, 0.01, "and on the same line");
    }

    @Test
    void nestedModelAsOneBoxOrExpanded() throws Exception {
        KerasTensor in = Input.of(16);
        Sequential encoder = new Sequential(new Dense(8, "relu").inputShape(16), new Dense(4).trainable(false));
        encoder.name("encoder");
        KerasTensor code = encoder.apply(in);
        Model model = new Model(List.of(in), List.of(new Dense(2, "softmax").apply(code), new Dense(1).apply(in)));
        Svg folded = check(model, "folded", new PlotOptions().showLayerNames(true).dpi(72));
        assertEquals(4, folded.boxes().size());
        assertTrue(folded.text().contains("encoder (Sequential)"));
        assertEquals(3, folded.edges().size());
        Svg expanded = check(model, "expanded", new PlotOptions().showLayerNames(true).expandNested(true).showTrainable(true).dpi(72));
        assertEquals(5, expanded.boxes().size(), "input, the encoder's two layers, two heads");
        assertEquals(4, expanded.edges().size(), "input -> encoder's first layer -> its second -> head, input -> other head");
        assertTrue(expanded.text().contains("encoder") && !expanded.text().contains("encoder (Sequential)"));
        assertTrue(expanded.text().contains("Non-trainable") && expanded.text().contains("Trainable"));
    }

    @Test
    void sharedLayerIsOneBoxWithAnEdgeFromEachCall() throws Exception {
        KerasTensor left = Input.of(4);
        KerasTensor right = Input.of(4);
        Dense shared = new Dense(4).name("shared");
        Model siamese = new Model(List.of(left, right), List.of(new Add().apply(shared.apply(left), shared.apply(right))));
        Svg svg = check(siamese, "siamese", new PlotOptions().showLayerNames(true).dpi(72));
        assertEquals(4, svg.boxes().size());
        assertEquals(3, connections(siamese));
        assertEquals(3, svg.edges().size(), "left -> shared, right -> shared, shared -> add (once, as Keras's add_edge)");
        // a layer called on its own downstream output: the boxes form a cycle, drawn with one edge reversed
        KerasTensor in = Input.of(4);
        Dense twice = new Dense(4).name("twice");
        Model loop = new Model(in, twice.apply(new ReLU().apply(twice.apply(in))));
        Svg cyclic = check(loop, "loop", new PlotOptions().showLayerNames(true).dpi(72));
        assertEquals(3, cyclic.boxes().size());
        assertEquals(3, connections(loop));
        assertEquals(3, cyclic.edges().size());
    }

    @Test
    void errors() {
        Sequential unbuilt = new Sequential(new Dense(3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Utils.plotModel(unbuilt, dir.resolve("m.png")));
        assertTrue(e.getMessage().contains("not yet been built"), e.getMessage());
        IllegalArgumentException ext = assertThrows(IllegalArgumentException.class, () -> Utils.plotModel(seed(), dir.resolve("m.pdf")));
        assertTrue(ext.getMessage().contains("m.pdf"), ext.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlotOptions().rankdir("BT"));
        assertThrows(IllegalArgumentException.class, () -> new PlotOptions().dpi(0));
    }
}
