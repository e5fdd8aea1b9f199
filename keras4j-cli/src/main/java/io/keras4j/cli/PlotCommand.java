package io.keras4j.cli;

import io.keras4j.utils.Utils;
import io.keras4j.utils.plot.PlotOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code keras4j plot MODEL OUT}: {@code keras.utils.plot_model} to a .png or .svg file, with its options. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Draw the model as keras.utils.plot_model does (.png or .svg).")
final class PlotCommand implements Runnable {
    @Mixin
    ModelArgument file;

    @Parameters(index = "1", paramLabel = "OUT", description = "the picture to write: .png or .svg")
    Path out;

    @Option(names = "--show-shapes", description = "show input and output shapes")
    boolean showShapes;

    @Option(names = "--show-dtype", description = "show output dtypes")
    boolean showDtype;

    @Option(names = "--show-layer-names", description = "show layer names")
    boolean showLayerNames;

    @Option(names = "--show-layer-activations", description = "show activations")
    boolean showLayerActivations;

    @Option(names = "--show-trainable", description = "show whether layers are trainable")
    boolean showTrainable;

    @Option(names = "--expand-nested", description = "draw nested models' layers in a frame")
    boolean expandNested;

    @Option(names = "--rankdir", paramLabel = "TB|LR", defaultValue = "TB", description = "TB: top to bottom (default); LR: left to right")
    String rankdir;

    @Option(names = "--dpi", defaultValue = "200", description = "PNG resolution (default: ${DEFAULT-VALUE})")
    double dpi;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PlotOptions options;
        try {
            options = new PlotOptions().showShapes(showShapes).showDtype(showDtype).showLayerNames(showLayerNames)
                    .showLayerActivations(showLayerActivations).showTrainable(showTrainable).expandNested(expandNested)
                    .rankdir(rankdir).dpi(dpi);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new ParameterException(spec.commandLine(), "OUT: expected a file name ending in .png or .svg, got '" + out + "'");
        }
        Utils.plotModel(ModelFiles.load(file.model, file.weights, false), out, options);
        spec.commandLine().getOut().println("wrote " + out);
        spec.commandLine().getOut().flush();
    }
}
