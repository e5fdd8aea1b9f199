package io.keras4j.models;

import io.keras4j.engine.ModelIO;

import java.nio.file.Path;

/**
 * Loading models, as {@code keras.models}: {@code Models.modelFromJson(json)} and {@code Models.loadModel(path)}.
 * Both need the keras4j-io module on the class path (found through {@link ModelIO}).
 */
public final class Models {
    private Models() {
    }

    /** A new, freshly initialized model from Keras JSON, as {@code keras.models.model_from_json(json)}. */
    public static Model modelFromJson(String json) {
        return ModelIO.get().modelFromJson(json);
    }

    /**
     * A model with its weights (and, if it was compiled, its loss, metrics and optimizer state) from a
     * {@code .keras} archive or a legacy {@code .h5} file, as {@code keras.models.load_model(path)}.
     */
    public static Model loadModel(Path path) {
        return ModelIO.get().loadModel(path);
    }
}
