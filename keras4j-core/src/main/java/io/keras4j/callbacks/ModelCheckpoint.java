package io.keras4j.callbacks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model or its weights during training, as keras/src/callbacks/model_checkpoint.py
 * {@code ModelCheckpoint}: at the end of every epoch (or every {@code saveFreq} batches), optionally only when
 * the monitored metric improved. The file path is a Python format template filled with {@code epoch} (1-based),
 * {@code batch} (1-based, batch-frequency saves) and the logs, e.g. {@code "ckpt/model-{epoch:02d}-{val_loss:.2f}.keras"}.
 * Files are written atomically by keras4j-io (needed at run time).
 *
 * <pre>{@code
 * new ModelCheckpoint("best.keras").monitor("val_accuracy").saveBestOnly(true)
 * }</pre>
 * Defaults: monitor "val_loss", verbose 0, saveBestOnly false, saveWeightsOnly false, mode "auto" ("max" when the
 * monitor contains "acc" or starts with "fmeasure", else "min"), saveFreq "epoch", no initial threshold.
 */
public class ModelCheckpoint extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private String mode = "auto";
    private int saveFreq;
    private Double initialValueThreshold;
    private double best = Double.NaN;
    private int currentEpoch;
    private int batchesSinceSave;

    /** @param filepath where to save: a path template ending in ".keras" (or ".weights.h5" with saveWeightsOnly) */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isEmpty()) {
            throw new IllegalArgumentException("ModelCheckpoint: `filepath` must be a non-empty path, got " + filepath);
        }
        this.filepath = filepath;
    }

    public ModelCheckpoint monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        return this;
    }

    /** "auto", "min" or "max". */
    public ModelCheckpoint mode(String mode) {
        if (!mode.equals("auto") && !mode.equals("min") && !mode.equals("max")) {
            throw new IllegalArgumentException("ModelCheckpoint: `mode` must be 'auto', 'min' or 'max', got '" + mode + "'");
        }
        this.mode = mode;
        return this;
    }

    /** Saves every {@code batches} training batches instead of every epoch (Keras's integer {@code save_freq}). */
    public ModelCheckpoint saveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("ModelCheckpoint: `save_freq` must be 'epoch' or a positive integer, got " + batches);
        }
        this.saveFreq = batches;
        return this;
    }

    /** Keras's {@code save_freq}: "epoch" or a positive number of batches. */
    public ModelCheckpoint saveFreq(String saveFreq) {
        if (saveFreq.equals("epoch")) {
            this.saveFreq = 0;
            return this;
        }
        throw new IllegalArgumentException("ModelCheckpoint: unrecognized `save_freq` '" + saveFreq + "'; expected 'epoch' or an integer");
    }

    /** Only values better than this count as improvements, as Keras's {@code initial_value_threshold}. */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        this.initialValueThreshold = threshold;
        return this;
    }

    /** The best monitored value so far (NaN before the first). */
    public double best() {
        return best;
    }

    private boolean maximize() {
        return mode.equals("max") || mode.equals("auto") && (monitor.contains("acc") || monitor.startsWith("fmeasure"));
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        boolean weights = filepath.endsWith(".weights.h5");
        if (saveWeightsOnly && !weights) {
            throw new IllegalArgumentException("ModelCheckpoint: when using `saveWeightsOnly(true)`, the filepath must end in "
                    + "`.weights.h5`, got " + filepath);
        }
        if (!saveWeightsOnly && !filepath.endsWith(".keras") && !filepath.endsWith(".h5")) {
            throw new IllegalArgumentException("ModelCheckpoint: the filepath must end in `.keras` (or `.weights.h5` with "
                    + "saveWeightsOnly), got " + filepath);
        }
        if (Double.isNaN(best)) {
            best = initialValueThreshold != null ? initialValueThreshold : maximize() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq > 0 && ++batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save(currentEpoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq == 0) {
            save(epoch, null, logs);
        }
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Path path = Paths.get(filePath(epoch, batch, logs));
        if (saveBestOnly) {
            Double current = logs == null ? null : logs.get(monitor);
            if (current == null) {
                LOG.warn("Can save best model only with {} available, skipping.", monitor);
                return;
            }
            boolean improved = maximize() ? current > best : current < best;
            if (!improved) {
                if (verbose > 0) {
                    System.out.printf(Locale.ROOT, "%nEpoch %d: %s did not improve from %.5f%n", epoch + 1, monitor, best);
                }
                return;
            }
            if (verbose > 0) {
                System.out.printf(Locale.ROOT, "%nEpoch %d: %s improved from %.5f to %.5f, saving model to %s%n", epoch + 1, monitor,
                        best, current, path);
            }
            best = current;
        } else if (verbose > 0) {
            System.out.printf(Locale.ROOT, "%nEpoch %d: saving model to %s%n", epoch + 1, path);
        }
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot create the directory of " + path, e);
        }
        if (saveWeightsOnly) {
            model().saveWeights(path);
        } else {
            model().save(path);
        }
    }

    /** The path for a save, as {@code filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)}. */
    String filePath(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("epoch", epoch + 1);
        if (batch != null) {
            values.put("batch", batch + 1);
        }
        if (logs != null) {
            values.putAll(logs);
        }
        Matcher m = FIELD.matcher(filepath);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("ModelCheckpoint: the filepath " + filepath + " uses {" + m.group(1)
                        + "}, which is not among the available keys " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(format(value, m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Python's {@code format(value, spec)} for the specs used in checkpoint names ("02d", ".2f", ".4e", ""). */
    private static String format(Object value, String spec) {
        if (spec == null || spec.isEmpty()) {
            if (value instanceof Double) {
                double d = (Double) value;
                return d == Math.rint(d) && Math.abs(d) < 1e16 ? String.valueOf((long) d) + ".0" : String.valueOf(d);
            }
            return String.valueOf(value);
        }
        char type = spec.charAt(spec.length() - 1);
        String flags = Character.isLetter(type) ? spec.substring(0, spec.length() - 1) : spec;
        if (!Character.isLetter(type)) {
            type = value instanceof Integer ? 'd' : 'g';
        }
        if (type == 'd') {
            return String.format(Locale.ROOT, "%" + flags + "d", ((Number) value).longValue());
        }
        if (type == 'f' || type == 'e' || type == 'g') {
            return String.format(Locale.ROOT, "%" + flags + type, ((Number) value).doubleValue());
        }
        throw new IllegalArgumentException("ModelCheckpoint: unsupported format spec '" + spec + "' in " + value);
    }
}
