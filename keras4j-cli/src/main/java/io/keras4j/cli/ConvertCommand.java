package io.keras4j.cli;

import io.keras4j.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * {@code keras4j convert IN OUT}: between {@code .keras}, legacy {@code .h5}, and JSON + {@code .weights.h5}
 * (a {@code .json} output writes its weights to {@code <name>.weights.h5} beside it, or to {@code --out-weights});
 * a {@code .weights.h5} output writes the weights only.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a model between .keras, legacy .h5 and .json + .weights.h5 (by the file extensions).")
final class ConvertCommand implements Runnable {
    @Mixin
    ModelArgument in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write: .keras, .h5, .json (+ .weights.h5) or .weights.h5")
    Path out;

    @Option(names = "--out-weights", paramLabel = "FILE", description = "where a .json output's weights go (default: <name>.weights.h5 beside it)")
    Path outWeights;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ModelFiles.Kind kind = ModelFiles.kind(out);
        if (outWeights != null && kind != ModelFiles.Kind.JSON) {
            throw new IllegalArgumentException("--out-weights is for a .json output, got '" + out + "'");
        }
        Model model = ModelFiles.load(in.model, in.weights, true);
        PrintWriter w = spec.commandLine().getOut();
        switch (kind) {
            case KERAS, H5 -> model.save(out);
            case WEIGHTS -> model.saveWeights(out);
            case JSON -> {
                Path weights = ModelFiles.weightsFor(out, outWeights);
                model.saveWeights(weights);
                writeText(out, model.toJson());
                w.println("wrote " + weights + " (" + size(weights) + " bytes)");
            }
        }
        w.println("wrote " + out + " (" + size(out) + " bytes)");
        w.flush();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file beside the target, as every keras4j writer does. */
    private static void writeText(Path target, String text) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
