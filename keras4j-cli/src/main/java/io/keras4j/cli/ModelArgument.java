package io.keras4j.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The model file every command takes first, and {@code --weights} for a JSON architecture. */
final class ModelArgument {
    @Parameters(index = "0", paramLabel = "MODEL", description = "the model: .keras, legacy .h5, or .json (with its .weights.h5)")
    Path model;

    @Option(names = "--weights", paramLabel = "FILE", description = "weights of a .json model (default: <name>.weights.h5 beside it)")
    Path weights;
}
