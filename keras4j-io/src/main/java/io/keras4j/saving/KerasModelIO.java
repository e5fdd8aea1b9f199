package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.keras4j.engine.Layer;
import io.keras4j.engine.ModelIO;
import io.keras4j.models.Model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * keras4j-io's implementation of {@link ModelIO} (registered through {@link java.util.ServiceLoader}): Keras JSON,
 * {@code .keras} archives, legacy {@code .h5} full models and weights, and {@code .weights.h5} files, chosen by
 * file extension on save and by content on load, as keras/src/saving/saving_api.py.
 */
public final class KerasModelIO implements ModelIO {
    @Override
    public String toJson(Model model) {
        return JsonText.write(ModelConfig.modelEntry(model));
    }

    @Override
    public Model modelFromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("modelFromJson: `json` must not be null");
        }
        Origin origin = Origin.of("model JSON");
        return ReadGuard.read(origin.where(), () -> ModelLoader.model(JsonText.parse(json, origin.where()), origin));
    }

    @Override
    public void save(Model model, Path path) {
        String name = path.getFileName().toString();
        requireBuilt(model, "save");
        requireKerasNames(model);
        if (name.endsWith(".keras")) {
            KerasArchive.save(model, path);
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            AtomicFiles.writeFile(path, temp -> LegacyH5.save(model, temp));
        } else {
            throw new IllegalArgumentException("save: invalid filepath extension for saving '" + path
                    + "'; use a `.keras` extension (or `.h5` for the legacy format)");
        }
    }

    @Override
    public Model loadModel(Path path) {
        long limit = ArchiveReader.maxBytes();
        return ReadGuard.read(path, () -> {
            if (sniff(path).equals("zip")) {
                return KerasArchive.load(path, limit);
            }
            try (HdfFile h5 = H5.open(path)) {
                return LegacyH5.loadModel(h5, path.toString());
            }
        });
    }

    @Override
    public void saveWeights(Model model, Path path) {
        if (!path.getFileName().toString().endsWith(".weights.h5")) {
            throw new IllegalArgumentException("saveWeights: the filename must end in `.weights.h5`, got '" + path + "'");
        }
        requireBuilt(model, "saveWeights");
        AtomicFiles.writeFile(path, temp -> WeightsH5.write(model, temp, false));
    }

    @Override
    public void loadWeights(Model model, Path path) {
        loadWeights(model, path, false, false);
    }

    @Override
    public void loadWeights(Model model, Path path, boolean byName, boolean skipMismatch) {
        requireBuilt(model, "loadWeights");
        if (sniff(path).equals("zip")) {
            throw new IllegalArgumentException("loadWeights: '" + path + "' is a .keras archive; load it with Models.loadModel");
        }
        String where = path.toString();
        boolean done = ReadGuard.read(path, () -> {
            try (HdfFile h5 = H5.open(path)) {
                Group legacy = LegacyH5.weightsGroup(h5, where);
                if (legacy != null) {
                    LegacyH5.loadWeights(model, legacy, Origin.of(where), byName, skipMismatch);
                } else if (!byName) {
                    WeightsH5.read(model, h5, where, false);
                }
                return legacy != null || !byName;
            }
        });
        if (!done) {
            throw new IllegalArgumentException("loadWeights: byName is only supported for legacy .h5 weight files, as in Keras");
        }
    }

    private static void requireBuilt(Model model, String method) {
        if (!model.isGraphBuilt() && !model.built()) {
            throw new IllegalStateException(method + ": model \"" + model.name() + "\" is not built yet; give it an input shape "
                    + "or call it on data first");
        }
    }

    /**
     * Refuses names with '/', which Keras refuses when the layer is created ("Argument `name` must be a string and
     * cannot contain character `/`"): Keras could not load such a file, and a legacy .h5 uses names as group paths.
     */
    private static void requireKerasNames(Model model) {
        if (model.name().contains("/")) {
            throw new IllegalArgumentException("save: model name '" + model.name() + "' contains '/', which Keras does not allow in names; "
                    + "rename the model");
        }
        for (Layer layer : model.layers()) {
            if (layer instanceof Model) {
                requireKerasNames((Model) layer);
            } else if (layer.name().contains("/")) {
                throw new IllegalArgumentException("save: layer name '" + layer.name() + "' in model '" + model.name()
                        + "' contains '/', which Keras does not allow in names (Keras cannot load such a file); rename the layer");
            }
        }
    }

    /** "zip" or "hdf5" from the file's first bytes. */
    private static String sniff(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new KerasFormatException(path, "no such file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            throw new KerasFormatException(path + ": cannot read: " + e.getMessage(), e);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
            return "zip";
        }
        if (head.length == 8 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
            return "hdf5";
        }
        throw new KerasFormatException(path, "neither a .keras archive (zip) nor an HDF5 file");
    }
}
