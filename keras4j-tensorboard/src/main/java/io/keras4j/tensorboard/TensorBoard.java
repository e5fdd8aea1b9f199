package io.keras4j.tensorboard;

import io.keras4j.callbacks.Callback;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes logs for TensorBoard, as keras/src/callbacks/tensorboard.py {@code TensorBoard}: event files that
 * {@code tensorboard --logdir <logDir>} shows, in {@code <logDir>/train} and {@code <logDir>/validation}.
 *
 * <p>What is written, with the tags Keras 3 writes (one file per writer and {@code fit}):
 * <ul>
 * <li>each epoch (step = epoch index, from 0): {@code epoch_<metric>} for the training logs in {@code train/},
 * plus {@code epoch_learning_rate} (the optimizer's rate for the next step) and, with
 * {@code writeStepsPerSecond}, {@code epoch_steps_per_second}; {@code epoch_<metric>} for the {@code val_} logs
 * (prefix removed) in {@code validation/};</li>
 * <li>after each validation: {@code evaluation_<metric>_vs_iterations} in {@code validation/} at step
 * {@code optimizer.iterations};</li>
 * <li>with {@code updateFreq} "batch" or an integer {@code n}: {@code batch_<metric>} (the epoch's running values)
 * every {@code n}-th batch of training, counted from 1 over the whole {@code fit}, plus
 * {@code batch_steps_per_second} with {@code writeStepsPerSecond};</li>
 * <li>with {@code histogramFreq} {@code n > 0}: every {@code n}-th epoch (epochs 0, n, 2n, ...), a 30-bucket
 * histogram of every weight of every layer, tagged {@code <weight path>/histogram} (weights built inside a
 * Sequential model have paths starting with its name, as Keras's);</li>
 * <li>with {@code writeGraph} (default): the model's Keras JSON at step 0 under tag {@code keras}, which TensorBoard's
 * Graphs dashboard draws as the model's conceptual graph (Keras's {@code keras_model_summary}). Keras's op-level
 * graph exists only for TensorFlow functions; keras4j has none to write.</li>
 * </ul>
 * Scalars are float32 tensor summaries of the "scalars" plugin, histograms float64 tensors of the "histograms"
 * plugin, exactly as TensorFlow 2 writes them. Files are flushed after every epoch and closed when training ends.
 * With an integer {@code updateFreq}, the epoch summaries are written every epoch; Keras 3 (checked with 3.15) leaves
 * them, the histograms and the evaluation scalars out of epochs whose last batch number is not a multiple of it
 * (its batch filter stays active at the end of the epoch).
 *
 * <p>Not supported: {@code profile_batch} (profiling, only 0 is accepted, as Keras's torch backend),
 * {@code write_images} and {@code embeddings_freq}/{@code embeddings_metadata}.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(5).batchSize(128).validationSplit(0.1)
 *         .callbacks(new TensorBoard("logs").histogramFreq(1)));
 * // then: tensorboard --logdir logs
 * }</pre>
 */
public class TensorBoard extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(TensorBoard.class);

    private final Path logDir;
    private int histogramFreq;
    private boolean writeGraph = true;
    private boolean writeStepsPerSecond;
    /** Write batch summaries every this many batches; 0 for "epoch" (none). */
    private int updateFreq;

    private EventFileWriter trainWriter;
    private EventFileWriter validationWriter;
    private long globalTrainBatch;
    private long batchStartNanos;
    private long epochStartNanos;
    private long iterationsAtEpochBegin;

    /** Logs to {@code logDir} ({@code log_dir}); Keras's default is "logs". */
    public TensorBoard(String logDir) {
        this(Path.of(logDir));
    }

    /** Logs to {@code logDir} ({@code log_dir}). */
    public TensorBoard(Path logDir) {
        this.logDir = logDir;
    }

    /** Logs to "logs", Keras's default {@code log_dir}. */
    public TensorBoard() {
        this("logs");
    }

    /** {@code histogram_freq}: write weight histograms every this many epochs; 0 (default) for none. */
    public TensorBoard histogramFreq(int histogramFreq) {
        if (histogramFreq < 0) {
            throw new IllegalArgumentException("TensorBoard: histogram_freq must be >= 0, got " + histogramFreq);
        }
        this.histogramFreq = histogramFreq;
        return this;
    }

    /** {@code write_graph}: write the model's Keras JSON for the Graphs dashboard (default true). */
    public TensorBoard writeGraph(boolean writeGraph) {
        this.writeGraph = writeGraph;
        return this;
    }

    /** {@code write_steps_per_second}: also log training steps per second, per epoch and per logged batch. */
    public TensorBoard writeStepsPerSecond(boolean writeStepsPerSecond) {
        this.writeStepsPerSecond = writeStepsPerSecond;
        return this;
    }

    /** {@code update_freq}: "epoch" (default, scalars per epoch only) or "batch" (also every batch). */
    public TensorBoard updateFreq(String updateFreq) {
        switch (updateFreq) {
            case "epoch" -> this.updateFreq = 0;
            case "batch" -> this.updateFreq = 1;
            default -> throw new IllegalArgumentException(
                    "TensorBoard: update_freq must be \"epoch\", \"batch\" or a positive integer, got \"" + updateFreq + "\"");
        }
        return this;
    }

    /** {@code update_freq} as an integer: also write the batch metrics every {@code updateFreq} batches. */
    public TensorBoard updateFreq(int updateFreq) {
        if (updateFreq < 1) {
            throw new IllegalArgumentException(
                    "TensorBoard: update_freq must be \"epoch\", \"batch\" or a positive integer, got " + updateFreq);
        }
        this.updateFreq = updateFreq;
        return this;
    }

    /**
     * {@code profile_batch}: profiling is not available in keras4j, so only 0 (the default, no profiling) is accepted,
     * as Keras's torch and numpy backends do.
     */
    public TensorBoard profileBatch(int profileBatch) {
        if (profileBatch != 0) {
            throw new IllegalArgumentException("TensorBoard: profiling is not available in keras4j. Received: profile_batch="
                    + profileBatch + " (must be 0)");
        }
        return this;
    }

    /** The directory the logs go to. */
    public Path logDir() {
        return logDir;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        closeWriters();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot create log_dir " + logDir.toAbsolutePath() + ": " + e, e);
        }
        globalTrainBatch = 0;
        if (writeGraph) {
            writeKerasModel();
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        closeWriters();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (writeStepsPerSecond) {
            Optimizer optimizer = model().optimizer();
            iterationsAtEpochBegin = optimizer == null ? 0 : optimizer.iterations();
            epochStartNanos = System.nanoTime();
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        globalTrainBatch++;
        if (writeStepsPerSecond) {
            batchStartNanos = System.nanoTime();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (updateFreq == 0 || globalTrainBatch % updateFreq != 0) {
            return;
        }
        if (writeStepsPerSecond) {
            double seconds = (System.nanoTime() - batchStartNanos) / 1e9;
            scalar(trainWriter(), "batch_steps_per_second", 1.0 / seconds, globalTrainBatch);
        }
        logs.forEach((name, value) -> scalar(trainWriter(), "batch_" + name, value, globalTrainBatch));
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        Optimizer optimizer = model().optimizer();
        if (optimizer != null) {
            logs.forEach((name, value) -> scalar(validationWriter(), "evaluation_" + name + "_vs_iterations", value,
                    optimizer.iterations()));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Double> train = new LinkedHashMap<>();
        Map<String, Double> validation = new LinkedHashMap<>();
        logs.forEach((name, value) -> {
            if (name.startsWith("val_")) {
                validation.put(name.substring(4), value);
            } else {
                train.put(name, value);
            }
        });
        Optimizer optimizer = model().optimizer();
        if (optimizer != null) {
            train.put("learning_rate", optimizer.learningRate());
        }
        if (writeStepsPerSecond && optimizer != null) {
            double seconds = (System.nanoTime() - epochStartNanos) / 1e9;
            train.put("steps_per_second", (optimizer.iterations() - iterationsAtEpochBegin) / seconds);
        }
        train.forEach((name, value) -> scalar(trainWriter(), "epoch_" + name, value, epoch));
        validation.forEach((name, value) -> scalar(validationWriter(), "epoch_" + name, value, epoch));
        if (histogramFreq > 0 && epoch % histogramFreq == 0) {
            writeHistograms(epoch);
        }
        if (trainWriter != null) {
            trainWriter.flush();
        }
        if (validationWriter != null) {
            validationWriter.flush();
        }
    }

    /** Keras's {@code _log_weights}: one histogram per weight of each layer, tagged by the weight's path. */
    private void writeHistograms(int epoch) {
        Model model = model();
        String prefix = model.getClass() == Sequential.class ? model.name() + "/" : "";
        for (Layer layer : model.layers()) {
            String layerPrefix = prefix + (layer.getClass() == Sequential.class ? layer.name() + "/" : "");
            for (Variable weight : layer.weights()) {
                double[] data = weight.value().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
                String tag = layerPrefix + weight.path().replace(':', '_') + "/histogram";
                trainWriter().write(Events.histogram(now(), epoch, tag,
                        HistogramBuckets.of(data, HistogramBuckets.DEFAULT_BUCKET_COUNT)));
            }
        }
    }

    /** Keras's {@code _write_keras_model_summary}: only for functional and Sequential models, as Keras. */
    private void writeKerasModel() {
        Model model = model();
        if (model.getClass() != Model.class && model.getClass() != Sequential.class) {
            return;
        }
        String json;
        try {
            json = model.toJson();
        } catch (RuntimeException e) {
            LOG.warn("TensorBoard: model failed to serialize as JSON, no graph written: {}", e.toString());
            return;
        }
        trainWriter().write(Events.kerasModel(now(), 0, "keras", json));
    }

    private static void scalar(EventFileWriter writer, String tag, double value, long step) {
        writer.write(Events.scalar(now(), step, tag, (float) value));
    }

    private EventFileWriter trainWriter() {
        if (trainWriter == null) {
            trainWriter = new EventFileWriter(logDir.resolve("train"));
        }
        return trainWriter;
    }

    private EventFileWriter validationWriter() {
        if (validationWriter == null) {
            validationWriter = new EventFileWriter(logDir.resolve("validation"));
        }
        return validationWriter;
    }

    private void closeWriters() {
        if (trainWriter != null) {
            trainWriter.close();
            trainWriter = null;
        }
        if (validationWriter != null) {
            validationWriter.close();
            validationWriter = null;
        }
    }

    /** Seconds since the epoch with microseconds, as TensorFlow's event {@code wall_time}. */
    private static double now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1_000 / 1e6;
    }
}
