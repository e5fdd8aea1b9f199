package io.keras4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.saving.KerasFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Model files by their extension: {@code .keras} archives and legacy {@code .h5} full models through
 * {@link Models#loadModel}, {@code .json} architectures through {@link Models#modelFromJson} with the weights of
 * {@code --weights} or of the {@code .weights.h5} file of the same name beside them; and what a file says about
 * its writer (Keras version, backend, training config).
 */
final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /** What a model file is, from its name. */
    enum Kind { KERAS, H5, JSON, WEIGHTS }

    static Kind kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".weights.h5")) {
            return Kind.WEIGHTS;
        }
        if (name.endsWith(".keras")) {
            return Kind.KERAS;
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return Kind.H5;
        }
        if (name.endsWith(".json")) {
            return Kind.JSON;
        }
        throw new IllegalArgumentException("'" + file + "': expected a model file ending in .keras, .h5 or .json");
    }

    static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException(file, what);
        }
        return file;
    }

    /** The weights file that goes with a JSON architecture: {@code weights}, or {@code <name>.weights.h5} beside it. */
    static Path weightsFor(Path json, Path weights) {
        if (weights != null) {
            return weights;
        }
        String name = json.getFileName().toString();
        return json.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".weights.h5");
    }

    /**
     * Loads a model file. For a JSON architecture the weights are loaded when found; {@code needWeights} makes
     * their absence an error (exit code 3).
     */
    static Model load(Path file, Path weights, boolean needWeights) {
        existing(file, "model file");
        Kind kind = kind(file);
        if (kind == Kind.WEIGHTS) {
            throw new IllegalArgumentException("'" + file + "' holds weights only; give the model's .keras, .h5 or .json file "
                    + "(with --weights " + file.getFileName() + ")");
        }
        if (kind != Kind.JSON) {
            if (weights != null) {
                throw new IllegalArgumentException("--weights is for .json architectures; '" + file + "' holds its own weights");
            }
            return Models.loadModel(file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Model model = Models.modelFromJson(text);
        Path w = weightsFor(file, weights);
        if (Files.isRegularFile(w)) {
            model.loadWeights(w);
        } else if (weights != null || needWeights) {
            throw new MissingFileException("weights file not found: " + w + " (a .json file holds the architecture only; "
                    + "give its weights with --weights FILE.weights.h5)");
        }
        return model;
    }

    /** What a file says about its writer; empty strings where it says nothing. */
    record Info(String kerasVersion, String backend, String trainingConfig) {
    }

    static Info info(Path file) {
        try {
            return switch (kind(file)) {
                case KERAS -> archiveInfo(file);
                case H5 -> h5Info(file);
                case JSON -> jsonInfo(file);
                case WEIGHTS -> new Info("", "", "");
            };
        } catch (IOException e) {
            throw new KerasFormatException(file, "cannot read its metadata: " + e.getMessage(), e);
        }
    }

    private static Info archiveInfo(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode metadata = entry(zip, "metadata.json");
            JsonNode config = entry(zip, "config.json");
            JsonNode compile = config == null ? null : config.get("compile_config");
            return new Info(text(metadata, "keras_version"), text(metadata, "backend"),
                    compile == null || compile.isNull() || compile.isEmpty() ? "" : compile.toString());
        }
    }

    private static JsonNode entry(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(e)) {
            return JSON.readTree(in);
        }
    }

    private static String text(JsonNode node, String key) {
        return node == null || node.get(key) == null || node.get(key).isNull() ? "" : node.get(key).asText();
    }

    private static Info h5Info(Path file) {
        try (HdfFile h5 = new HdfFile(file)) {
            return new Info(attribute(h5, "keras_version"), attribute(h5, "backend"), attribute(h5, "training_config"));
        }
    }

    private static String attribute(HdfFile h5, String name) {
        Attribute a = h5.getAttribute(name);
        if (a == null) {
            return "";
        }
        Object data = a.getData();
        if (data instanceof String[] arr && arr.length > 0) {
            return arr[0];
        }
        return String.valueOf(data);
    }

    private static Info jsonInfo(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        return new Info(text(root, "keras_version"), text(root, "backend"), "");
    }
}
