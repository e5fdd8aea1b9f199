package io.keras4j.utils.plot;

import io.keras4j.backend.Backend;
import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Node;
import io.keras4j.engine.Shapes;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;

import java.awt.Color;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model drawn as keras/src/utils/model_visualization.py {@code model_to_dot} draws it: one box per layer (a
 * sequential model's layers, a functional model's layers including its InputLayers, a subclassed model as one
 * box), an edge from each layer to each layer that consumes its output, and with {@code expandNested} each nested
 * functional or sequential model as its own layers in a dashed frame labelled with its name, edges entering at its
 * input layer (or first layer) and leaving from the layer that produces the output used.
 */
final class ModelDiagram {
    private static final double FRAME_PAD = 10;
    private static final double FRAME_LABEL = 14;
    private static final double MARGIN = 4;
    private static final double ARROW = 9;
    private static final double LINE = 1.6;

    /** A layer's box, or a nested model's frame around its own diagram. */
    static final class Item {
        final Layer layer;
        final Box box;
        final ModelDiagram inner;
        double x;
        double y;
        final double width;
        final double height;

        Item(Layer layer, Box box, ModelDiagram inner) {
            this.layer = layer;
            this.box = box;
            this.inner = inner;
            this.width = box != null ? box.width : inner.width + 2 * FRAME_PAD;
            this.height = box != null ? box.height : inner.height + 2 * FRAME_PAD + FRAME_LABEL + 4;
        }

        double innerX() {
            return x + FRAME_PAD;
        }

        double innerY() {
            return y + FRAME_PAD + FRAME_LABEL + 4;
        }
    }

    private final Model model;
    private final PlotOptions options;
    private final boolean horizontal;
    private final List<Item> items = new ArrayList<>();
    private final Map<Layer, Item> itemOf = new IdentityHashMap<>();
    /** An edge between two items of this level, and the leaf boxes it joins inside nested frames. */
    private record Link(Item from, Item to, Item leafFrom, Item leafTo) {
    }

    private final List<Link> edges = new ArrayList<>();
    private final List<double[][]> routes = new ArrayList<>();
    private double width;
    private double height;

    private ModelDiagram(Model model, PlotOptions options) {
        this.model = model;
        this.options = options;
        this.horizontal = "LR".equals(options.rankdir());
        Set<Node> nodes = modelNodes(model);
        List<Layer> layers = boxesOf(model);
        for (Layer layer : layers) {
            boolean expand = options.expandNested() && layer instanceof Model m && m.isGraphBuilt() && layer != model;
            Item item = expand ? new Item(layer, null, new ModelDiagram((Model) layer, options))
                    : new Item(layer, box(layer, nodes), null);
            items.add(item);
            itemOf.put(layer, item);
        }
        connect(layers, nodes);
        layout();
    }

    /** The diagram of {@code model} with its boxes placed, edges routed. */
    static ModelDiagram of(Model model, PlotOptions options) {
        if (model instanceof Sequential && !model.isGraphBuilt()) {
            throw new IllegalStateException("plotModel: model \"" + model.name() + "\" has not yet been built. Build the model "
                    + "first by giving its first layer an inputShape(...) or by calling it on a batch of data");
        }
        return new ModelDiagram(model, options);
    }

    private static List<Layer> boxesOf(Model model) {
        if (!(model instanceof Sequential) && !model.isGraphBuilt()) {
            return List.of(model);   // a subclassed model: one box, as Keras draws it
        }
        return model.layers();
    }

    /** The nodes of the model's graph: those reachable backwards from its outputs. */
    private static Set<Node> modelNodes(Model model) {
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        if (!model.isGraphBuilt()) {
            return nodes;
        }
        Deque<Node> todo = new ArrayDeque<>();
        for (KerasTensor t : model.outputs()) {
            todo.add(t.node());
        }
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            if (nodes.add(n)) {
                for (KerasTensor t : n.inputs()) {
                    todo.add(t.node());
                }
            }
        }
        return nodes;
    }

    // ---- boxes ----------------------------------------------------------------------------------

    private Box box(Layer layer, Set<Node> nodes) {
        String className = layer.className();
        List<Text.Run> header = options.showLayerNames()
                ? List.of(new Text.Run(layer.name(), true), new Text.Run(" (" + className + ")", false))
                : List.of(new Text.Run(className, true));
        List<Text.Run> activation = null;
        if (options.showLayerActivations()) {
            String name = activationName(layer);
            if (name != null) {
                activation = List.of(new Text.Run("Activation: ", false), new Text.Run(name, true));
            }
        }
        List<Box.Cell> cells = new ArrayList<>();
        Node node = null;
        for (Node n : layer.inboundNodes()) {
            if (nodes.contains(n)) {
                node = n;
                break;
            }
        }
        if (options.showShapes()) {
            if (!(layer instanceof InputLayer)) {
                cells.add(cell("Input shape: ", node == null ? "?" : shapes(node.inputs())));
            }
            String out = node == null ? (layer instanceof InputLayer in ? Shapes.format(in.batchShape()) : "?") : shapes(node.outputs());
            cells.add(cell("Output shape: ", out));
        }
        if (options.showDtype()) {
            String dtype = "?";
            if (node != null && node.outputs() != null && !node.outputs().isEmpty()) {
                List<String> names = new ArrayList<>();
                node.outputs().forEach(t -> names.add(Backend.dtypeName(t.dtype())));
                dtype = names.size() == 1 ? names.get(0) : "[" + String.join(", ", names) + "]";
            }
            cells.add(cell("Output dtype: ", dtype));
        }
        if (options.showTrainable() && !layer.weights().isEmpty()) {
            cells.add(new Box.Cell(List.of(new Text.Run(layer.trainable() ? "Trainable" : "Non-trainable", true)),
                    layer.trainable() ? Box.TRAINABLE : Box.NON_TRAINABLE, Color.WHITE));
        }
        return new Box(header, activation, cells);
    }

    private static Box.Cell cell(String label, String value) {
        return new Box.Cell(List.of(new Text.Run(label, false), new Text.Run(value, true)), Color.WHITE, Color.BLACK);
    }

    private static String shapes(List<KerasTensor> tensors) {
        if (tensors == null || tensors.isEmpty()) {
            return "?";
        }
        List<long[]> shapes = new ArrayList<>();
        tensors.forEach(t -> shapes.add(t.shape()));
        return Shapes.format(shapes);
    }

    /** The name of a layer's {@code activation} argument ("relu"), or null if it has none. */
    private static String activationName(Layer layer) {
        if (layer instanceof Model) {
            return null;
        }
        Object a = layer.getConfig().get("activation");
        if (a instanceof String s) {
            return s;
        }
        if (a instanceof Map<?, ?> m) {
            Object config = m.get("config");
            if (config instanceof Map<?, ?> c && c.get("name") instanceof String s) {
                return s;
            }
            return String.valueOf(m.get("class_name"));
        }
        return null;
    }

    // ---- edges ----------------------------------------------------------------------------------

    private void connect(List<Layer> layers, Set<Node> nodes) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (Layer layer : layers) {
            for (Node node : layer.inboundNodes()) {
                if (!nodes.contains(node)) {
                    continue;
                }
                for (int i = 0; i < node.inputs().size(); i++) {
                    KerasTensor t = node.inputs().get(i);
                    Item from = itemOf.get(t.node().layer());
                    Item to = itemOf.get(layer);
                    if (from == null || to == null || from == to && from.inner == null) {
                        continue;
                    }
                    Item leafFrom = from.inner == null ? from : from.inner.leafProducing(t.index());
                    Item leafTo = to.inner == null ? to : to.inner.leafConsuming(i);
                    if (leafFrom != null && leafTo != null && seen.add(List.of(new Identity(leafFrom), new Identity(leafTo)))) {
                        edges.add(new Link(from, to, leafFrom, leafTo));
                    }
                }
            }
        }
    }

    /** Wraps an object so that lists compare it by identity. */
    private record Identity(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    /** The leaf box (at any depth) producing this model's output {@code index}. */
    private Item leafProducing(int index) {
        KerasTensor t = model.outputs().get(Math.min(index, model.outputs().size() - 1));
        Item item = itemOf.get(t.node().layer());
        return item == null ? null : item.inner == null ? item : item.inner.leafProducing(t.index());
    }

    /** The leaf box (at any depth) receiving this model's input {@code index}. */
    private Item leafConsuming(int index) {
        Layer layer = model instanceof Sequential ? model.layers().get(0)
                : model.inputs().get(Math.min(index, model.inputs().size() - 1)).node().layer();
        Item item = itemOf.get(layer);
        return item == null ? null : item.inner == null ? item : item.inner.leafConsuming(0);
    }

    // ---- layout ---------------------------------------------------------------------------------

    private double breadth(Item i) {
        return horizontal ? i.height : i.width;
    }

    private double depth(Item i) {
        return horizontal ? i.width : i.height;
    }

    /** A leaf's position (center along ranks, near and far side across ranks) relative to its item. */
    private double[] port(Item item, Item leaf) {
        if (item == leaf) {
            return new double[]{0, Double.NaN, Double.NaN};
        }
        // before this level is laid out, a nested diagram's boxes sit at their place inside the frame's content
        double lx = leaf.x + FRAME_PAD;
        double ly = leaf.y + FRAME_PAD + FRAME_LABEL + 4;
        double along = horizontal ? ly + leaf.height / 2 - item.height / 2 : lx + leaf.width / 2 - item.width / 2;
        double near = horizontal ? lx : ly;
        double far = near + depth(leaf);
        return new double[]{along, near, far};
    }

    private void layout() {
        double[] b = new double[items.size()];
        double[] d = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            b[i] = breadth(items.get(i));
            d[i] = depth(items.get(i));
        }
        List<LayeredLayout.Edge> layoutEdges = new ArrayList<>();
        for (Link e : edges) {
            double[] from = port(e.from(), e.leafFrom());
            double[] to = port(e.to(), e.leafTo());
            layoutEdges.add(new LayeredLayout.Edge(items.indexOf(e.from()), items.indexOf(e.to()),
                    e.from() == e.leafFrom() ? Double.NaN : from[0], from[2], e.to() == e.leafTo() ? Double.NaN : to[0], to[1]));
        }
        LayeredLayout layout = new LayeredLayout(b, d, layoutEdges);
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            double along = layout.u[i] - breadth(item) / 2;
            item.x = horizontal ? layout.v[i] : along;
            item.y = horizontal ? along : layout.v[i];
            if (item.inner != null) {
                item.inner.moveTo(item.innerX(), item.innerY());
            }
        }
        for (double[][] r : layout.routes) {
            routes.add(horizontal ? new double[][]{r[1], r[0]} : r);
        }
        width = horizontal ? layout.totalDepth : layout.totalBreadth;
        height = horizontal ? layout.totalBreadth : layout.totalDepth;
    }

    /** Moves this (nested) diagram so that its origin is at (x, y). */
    private void moveTo(double x, double y) {
        for (Item item : items) {
            item.x += x;
            item.y += y;
            if (item.inner != null) {
                item.inner.moveTo(x, y);
            }
        }
        for (double[][] r : routes) {
            for (int i = 0; i < r[0].length; i++) {
                r[0][i] += x;
                r[1][i] += y;
            }
        }
    }

    // ---- drawing ------------------------------------------------------------------------------

    double imageWidth() {
        return width + 2 * MARGIN;
    }

    double imageHeight() {
        return height + 2 * MARGIN;
    }

    void draw(Canvas canvas) {
        drawAt(canvas, MARGIN, MARGIN);
    }

    private void drawAt(Canvas canvas, double ox, double oy) {
        for (Item item : items) {
            if (item.inner != null) {
                canvas.rect(ox + item.x, oy + item.y, item.width, item.height, null, Color.BLACK, 1, true);
                canvas.text(ox + item.x + FRAME_PAD, oy + item.y + FRAME_PAD + Text.ascent(FRAME_LABEL),
                        Text.Run.of(item.layer.name()), FRAME_LABEL, Color.BLACK, Canvas.Anchor.START, false);
                item.inner.drawAt(canvas, ox, oy);
            } else {
                item.box.draw(canvas, ox + item.x, oy + item.y);
            }
        }
        for (double[][] r : routes) {
            arrow(canvas, r, ox, oy);
        }
    }

    private static void arrow(Canvas canvas, double[][] r, double ox, double oy) {
        int n = r[0].length;
        if (n < 2) {
            return;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = r[0][i] + ox;
            ys[i] = r[1][i] + oy;
        }
        double dx = xs[n - 1] - xs[n - 2];
        double dy = ys[n - 1] - ys[n - 2];
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        dx /= len;
        dy /= len;
        double tipX = xs[n - 1];
        double tipY = ys[n - 1];
        double baseX = tipX - dx * Math.min(ARROW, len);
        double baseY = tipY - dy * Math.min(ARROW, len);
        xs[n - 1] = baseX;
        ys[n - 1] = baseY;
        canvas.polyline(xs, ys, Color.BLACK, LINE);
        double half = ARROW * 0.4;
        canvas.polygon(new double[]{tipX, baseX - dy * half, baseX + dy * half},
                new double[]{tipY, baseY + dx * half, baseY - dx * half}, Color.BLACK);
    }
}
