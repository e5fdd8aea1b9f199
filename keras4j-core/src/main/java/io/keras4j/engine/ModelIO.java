package io.keras4j.engine;

import io.keras4j.models.Model;

import java.nio.file.Path;

/**
 * The file formats behind {@code model.toJson()}, {@code model.save(path)} and {@code Models.loadModel(path)}.
 * keras4j-io provides the implementation through {@link java.util.ServiceLoader}; without it on the class
 * path these calls fail with a message saying to add it.
 */
public interface ModelIO {
    /** The model's Keras JSON ({@code model.to_json()}). */
    String toJson(Model model);

    /** A model from Keras JSON ({@code keras.models.model_from_json}). */
    Model modelFromJson(String json);

    /** Saves a whole model (architecture, weights, compile state) in the format named by the extension. */
    void save(Model model, Path path);

    /** Loads a whole model from a {@code .keras} or legacy {@code .h5} file. */
    Model loadModel(Path path);

    /** Saves the weights only ({@code .weights.h5}). */
    void saveWeights(Model model, Path path);

    /** Loads weights into a built model ({@code .weights.h5} or legacy {@code .h5}). */
    void loadWeights(Model model, Path path);

    /**
     * Loads weights from a legacy {@code .h5} file by layer name and/or skipping layers whose shapes differ, as
     * Keras's {@code load_weights(path, by_name=, skip_mismatch=)}.
     */
    default void loadWeights(Model model, Path path, boolean byName, boolean skipMismatch) {
        if (byName || skipMismatch) {
            throw new UnsupportedOperationException("loadWeights with byName/skipMismatch is not supported by " + getClass().getName());
        }
        loadWeights(model, path);
    }

    /** The one implementation on the class path. */
    static ModelIO get() {
        for (ModelIO io : java.util.ServiceLoader.load(ModelIO.class)) {
            return io;
        }
        throw new IllegalStateException("Saving and loading models needs the keras4j-io module: add the Maven dependency "
                + "io.keras4j:keras4j-io to your project");
    }
}
