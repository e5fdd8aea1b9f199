package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Turns non-negative integer indices into dense vectors of fixed size, as
 * keras/src/layers/core/embedding.py {@code Embedding}: {@code output[..., :] = embeddings[input[...], :]},
 * with {@code embeddings} of shape {@code (input_dim, output_dim)}.
 *
 * <p>Input shape {@code (batch, ...)} of integer indices in {@code [0, input_dim)} (floats are truncated, as
 * Keras casts them to int32); output shape {@code (batch, ..., output_dim)}. With {@code mask_zero} the index 0
 * is padding: {@link #computeMask} returns {@code input != 0}. Defaults: embeddings_initializer "uniform"
 * (U(-0.05, 0.05)), mask_zero false. Keras 2's {@code input_length} is accepted and ignored.
 * <pre>{@code new Embedding(10000, 64).maskZero(true)}</pre>
 */
public class Embedding extends io.keras4j.engine.Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.get("uniform");
    private Regularizer embeddingsRegularizer;
    private Constraint embeddingsConstraint;
    private boolean maskZero;
    private Variable embeddings;

    /**
     * @param inputDim  size of the vocabulary (maximum index + 1)
     * @param outputDim dimension of the dense embedding
     */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: arguments `input_dim` and `output_dim` must be positive integers, got input_dim="
                    + inputDim + ", output_dim=" + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    public Embedding embeddingsInitializer(String initializer) {
        return embeddingsInitializer(Initializers.get(initializer));
    }

    public Embedding embeddingsInitializer(Initializer initializer) {
        this.embeddingsInitializer = initializer;
        return this;
    }

    public Embedding embeddingsRegularizer(Regularizer regularizer) {
        this.embeddingsRegularizer = regularizer;
        return this;
    }

    public Embedding embeddingsConstraint(Constraint constraint) {
        this.embeddingsConstraint = constraint;
        return this;
    }

    /** Whether index 0 is a padding value to be masked out. */
    public Embedding maskZero(boolean maskZero) {
        this.maskZero = maskZero;
        return this;
    }

    /** The embedding matrix, shape {@code (input_dim, output_dim)}; null before build. */
    public Variable embeddings() {
        return embeddings;
    }

    @Override
    protected void build(long[] inputShape) {
        embeddings = addWeight("embeddings", new long[]{inputDim, outputDim}, embeddingsInitializer,
                embeddingsRegularizer, embeddingsConstraint, true);
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = java.util.Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray indices = input.reshape(input.length()).castTo(DataType.INT64);
        if (indices.length() > 0) {
            long min = indices.minNumber().longValue();
            long max = indices.maxNumber().longValue();
            if (min < 0 || max >= inputDim) {
                throw new IllegalArgumentException("Embedding \"" + name() + "\": input indices must be in [0, " + inputDim
                        + ") (input_dim), got an index of " + (min < 0 ? min : max));
            }
        }
        INDArray rows = ctx.buffer("rows", embeddings.value().dataType(), indices.length(), outputDim);
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(embeddings.value(), indices)
                .addIntegerArguments(0).addOutputs(rows).build());
        ctx.save("indices", indices);
        return rows.reshape(computeOutputShape(input.shape()));
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray indices = ctx.saved("indices");
        INDArray g = embeddings.gradient();
        if (embeddings.beginGradientWrite() == 0.0) {
            g.assign(0);
        }
        INDArray updates = gradOutput.reshape('c', indices.length(), outputDim).castTo(g.dataType());
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(g, indices, updates).addOutputs(g).build());
        return null;
    }

    /** With {@code mask_zero}, as Keras's {@code supports_masking = mask_zero}; the mask it gives is its own. */
    @Override
    public boolean supportsMasking() {
        return maskZero;
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        return maskZero ? new INDArray[]{inputs[0].neq(0)} : null;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("input_dim", inputDim);
        config.put("output_dim", outputDim);
        config.put("embeddings_initializer", embeddingsInitializer);
        config.put("embeddings_regularizer", embeddingsRegularizer);
        config.put("activity_regularizer", activityRegularizer());
        config.put("embeddings_constraint", embeddingsConstraint);
        config.put("mask_zero", maskZero);
        config.put("quantization_config", null);
        return config;
    }

    /** An Embedding layer from its Keras config (Keras 3, 2 with {@code input_length}, 1 with {@code init}). */
    public static Embedding fromConfig(Map<String, Object> map) {
        Config c = new Config("Embedding", map).allow("input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
                "activity_regularizer", "embeddings_constraint", "mask_zero", "input_length", "quantization_config", "lora_rank",
                "lora_alpha", "sparse", "init", "W_regularizer", "W_constraint", "dropout", "input_dtype");
        if (c.has("activity_regularizer") || c.has("W_regularizer") || c.has("W_constraint") || c.getDouble("dropout", 0) != 0
                || c.has("lora_rank") || c.getBoolean("sparse", false)) {
            throw new UnsupportedOperationException("Embedding: activity_regularizer, Keras 1's W_regularizer/W_constraint/dropout, "
                    + "lora_rank and sparse are not supported; got config " + map);
        }
        String initKey = c.has("embeddings_initializer") ? "embeddings_initializer" : "init";
        Embedding e = new Embedding(c.getInt("input_dim"), c.getInt("output_dim"))
                .embeddingsInitializer(c.initializer(initKey, "uniform"))
                .embeddingsRegularizer(c.regularizer("embeddings_regularizer"))
                .embeddingsConstraint(c.constraint("embeddings_constraint"))
                .maskZero(c.getBoolean("mask_zero", false));
        return c.applyBase(e);
    }
}
