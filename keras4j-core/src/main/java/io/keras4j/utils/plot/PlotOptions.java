package io.keras4j.utils.plot;

/**
 * The keyword arguments of {@code keras.utils.plot_model}, Keras's names in camelCase and Keras's defaults:
 * showShapes false, showDtype false, showLayerNames false, rankdir "TB", expandNested false, dpi 200,
 * showLayerActivations false, showTrainable false.
 * <pre>{@code Utils.plotModel(model, Path.of("model.png"), new PlotOptions().showShapes(true).showLayerNames(true));}</pre>
 */
public final class PlotOptions {
    private boolean showShapes;
    private boolean showDtype;
    private boolean showLayerNames;
    private String rankdir = "TB";
    private boolean expandNested;
    private double dpi = 200;
    private boolean showLayerActivations;
    private boolean showTrainable;

    /** Whether each box shows the layer's input and output shapes. */
    public PlotOptions showShapes(boolean showShapes) {
        this.showShapes = showShapes;
        return this;
    }

    /** Whether each box shows the layer's output dtype. */
    public PlotOptions showDtype(boolean showDtype) {
        this.showDtype = showDtype;
        return this;
    }

    /** Whether each box shows the layer's name before its class ({@code dense (Dense)}). */
    public PlotOptions showLayerNames(boolean showLayerNames) {
        this.showLayerNames = showLayerNames;
        return this;
    }

    /** {@code "TB"}: a vertical plot, inputs at the top; {@code "LR"}: a horizontal plot, inputs on the left. */
    public PlotOptions rankdir(String rankdir) {
        if (!"TB".equals(rankdir) && !"LR".equals(rankdir)) {
            throw new IllegalArgumentException("rankdir: expected \"TB\" or \"LR\", got " + (rankdir == null ? "null" : "\"" + rankdir + "\""));
        }
        this.rankdir = rankdir;
        return this;
    }

    /** Whether nested functional and sequential models are drawn as their layers inside a dashed frame. */
    public PlotOptions expandNested(boolean expandNested) {
        this.expandNested = expandNested;
        return this;
    }

    /** Resolution of a PNG in dots per inch (pixels = points x dpi / 72); an SVG is sized in points. */
    public PlotOptions dpi(double dpi) {
        if (!(dpi > 0) || Double.isInfinite(dpi)) {
            throw new IllegalArgumentException("dpi: expected a positive number, got " + dpi);
        }
        this.dpi = dpi;
        return this;
    }

    /** Whether boxes of layers with an {@code activation} show it. */
    public PlotOptions showLayerActivations(boolean showLayerActivations) {
        this.showLayerActivations = showLayerActivations;
        return this;
    }

    /** Whether boxes of layers with weights say if they are trainable. */
    public PlotOptions showTrainable(boolean showTrainable) {
        this.showTrainable = showTrainable;
        return this;
    }

    public boolean showShapes() {
        return showShapes;
    }

    public boolean showDtype() {
        return showDtype;
    }

    public boolean showLayerNames() {
        return showLayerNames;
    }

    public String rankdir() {
        return rankdir;
    }

    public boolean expandNested() {
        return expandNested;
    }

    public double dpi() {
        return dpi;
    }

    public boolean showLayerActivations() {
        return showLayerActivations;
    }

    public boolean showTrainable() {
        return showTrainable;
    }
}
