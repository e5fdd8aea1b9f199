package io.keras4j.optimizers;

import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every optimizer, as keras/src/optimizers/base_optimizer.py {@code BaseOptimizer}.
 *
 * <p>{@link #apply(List)} runs one step over the variables that received a gradient: it clips the
 * gradient ({@code clipvalue}, then {@code clipnorm} per variable), applies decoupled weight decay
 * ({@code variable -= variable * weight_decay * lr}), calls the subclass's {@link #updateStep}, applies
 * the variable's constraint, and finally counts the iteration. Subclasses implement only their state
 * (through {@link #slot}) and their update.
 */
public abstract class Optimizer {
    private final String name;
    private double learningRate;
    private long iterations;
    private Double clipnorm;
    private Double clipvalue;
    private Double weightDecay;
    private final Map<Variable, Map<String, INDArray>> slots = new IdentityHashMap<>();

    protected Optimizer(String name, double learningRate) {
        if (!(learningRate >= 0)) {
            throw new IllegalArgumentException(name + ": argument `learning_rate` must be >= 0, got " + learningRate);
        }
        this.name = name;
        this.learningRate = learningRate;
    }

    /** The optimizer's Keras name ("rmsprop"). */
    public String name() {
        return name;
    }

    /** The learning rate used by the next step. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate, as {@code optimizer.learning_rate = value}. */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** The number of steps applied so far, as {@code optimizer.iterations}. */
    public long iterations() {
        return iterations;
    }

    /** Clips each variable's gradient to this L2 norm, as Keras's {@code clipnorm}. */
    @SuppressWarnings("unchecked")
    public <O extends Optimizer> O clipnorm(double clipnorm) {
        this.clipnorm = clipnorm;
        return (O) this;
    }

    /** Clips each gradient value to [-clipvalue, clipvalue], as Keras's {@code clipvalue}. */
    @SuppressWarnings("unchecked")
    public <O extends Optimizer> O clipvalue(double clipvalue) {
        this.clipvalue = clipvalue;
        return (O) this;
    }

    /** Decoupled weight decay, as Keras's {@code weight_decay}. */
    @SuppressWarnings("unchecked")
    public <O extends Optimizer> O weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return (O) this;
    }

    /** Applies one update to every variable that has a gradient, then increments {@link #iterations()}. */
    public final void apply(List<Variable> variables) {
        double lr = learningRate;
        for (Variable v : variables) {
            if (!v.trainable() || !v.hasGradient()) {
                continue;
            }
            INDArray g = v.gradient();
            if (clipvalue != null) {
                org.nd4j.linalg.ops.transforms.Transforms.min(g, clipvalue, false);
                org.nd4j.linalg.ops.transforms.Transforms.max(g, -clipvalue, false);
            }
            if (clipnorm != null) {
                double norm = g.norm2Number().doubleValue();
                if (norm > clipnorm) {
                    g.muli(clipnorm / norm);
                }
            }
            if (weightDecay != null && weightDecay != 0) {
                v.value().muli(1.0 - weightDecay * lr);
            }
            updateStep(v, g, lr);
            if (v.constraint() != null) {
                v.constraint().apply(v.value());
            }
        }
        iterations++;
    }

    /**
     * Updates {@code variable.value()} in place from its gradient. The gradient buffer is the optimizer's
     * to overwrite.
     */
    protected abstract void updateStep(Variable variable, INDArray gradient, double learningRate);

    /** The optimizer state {@code name} of {@code variable} (zeros of its shape on first use). */
    protected INDArray slot(Variable variable, String name) {
        return slots.computeIfAbsent(variable, k -> new LinkedHashMap<>())
                .computeIfAbsent(name, k -> Nd4j.zeros(variable.value().dataType(), variable.value().shape()));
    }

    /** The state of {@code variable}, slot name to array, in creation order (empty before the first step). */
    public Map<String, INDArray> slots(Variable variable) {
        return slots.getOrDefault(variable, Map.of());
    }

    /** Sets the step count, as restoring a saved optimizer does ({@code optimizer.iterations.assign}). */
    public void setIterations(long iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException(name + ": iterations must be >= 0, got " + iterations);
        }
        this.iterations = iterations;
    }

    /** Sets the state {@code name} of {@code variable} (a copy of {@code value}), as restoring a saved optimizer does. */
    public void setSlot(Variable variable, String name, INDArray value) {
        if (!java.util.Arrays.equals(value.shape(), variable.value().shape())) {
            throw new IllegalArgumentException(this.name + ": state '" + name + "' of " + variable.path() + " must have shape "
                    + java.util.Arrays.toString(variable.value().shape()) + ", got " + java.util.Arrays.toString(value.shape()));
        }
        slots.computeIfAbsent(variable, k -> new LinkedHashMap<>()).put(name, value.castTo(variable.value().dataType()).dup());
    }

    /** The Keras config: {@code name}, {@code learning_rate}, the clipping and decay options, then the subclass's keys. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learning_rate", learningRate);
        config.put("weight_decay", weightDecay);
        config.put("clipnorm", clipnorm);
        config.put("global_clipnorm", null);
        config.put("clipvalue", clipvalue);
        config.put("use_ema", false);
        config.put("ema_momentum", 0.99);
        config.put("ema_overwrite_frequency", null);
        config.put("loss_scale_factor", null);
        config.put("gradient_accumulation_steps", null);
        return config;
    }
}
