package io.keras4j.optimizers;

import io.keras4j.engine.Names;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base of every optimizer, as keras/src/optimizers/base_optimizer.py {@code BaseOptimizer}.
 *
 * <p>{@link #apply(List)} runs one step, in Keras's order ({@code apply} and {@code _backend_apply_gradients}):
 * variables without a gradient are skipped; gradients are divided by {@code loss_scale_factor}; with
 * {@code gradient_accumulation_steps = n} they are summed into accumulators and only every n-th step
 * averaged and applied; then clipped ({@code clipnorm} per variable, else {@code global_clipnorm}, else
 * {@code clipvalue}); decoupled weight decay {@code w -= w * weight_decay * lr}; the subclass's
 * {@link #updateStep}; the EMA of the weights ({@code use_ema}); the variables' constraints; and finally
 * {@code iterations += 1}. The learning rate is a float or a {@link LearningRateSchedule} evaluated at the
 * raw step count. Subclasses implement only their state ({@link #createSlots}) and their update.
 *
 * <p>The optimizer's variables ({@link #variables()}) are named and ordered as Keras's
 * {@code optimizer.variables}: {@code iteration}, {@code learning_rate} (unless a schedule), the EMA
 * averages, the gradient accumulators, then the subclass's slots, e.g. {@code dense_kernel_momentum}.
 * The options shared by all optimizers are {@link OptimizerOptions fluent setters} of this class.
 */
public abstract class Optimizer extends OptimizerOptions {
    private long iterations;
    private List<Variable> builtVariables;
    private final Set<Variable> known = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Variable, Map<String, INDArray>> slots = new IdentityHashMap<>();
    private final List<Map.Entry<String, INDArray>> slotList = new ArrayList<>();
    private final Map<String, INDArray> scratch = new HashMap<>();

    protected Optimizer(String className, double learningRate) {
        super(className, Names.unique(Names.toSnakeCase(className)), learningRate, null);
    }

    protected Optimizer(String className, LearningRateSchedule learningRate) {
        super(className, Names.unique(Names.toSnakeCase(className)), 0, learningRate);
    }

    /** The learning rate of the next step: the schedule at the current step count, or the float. */
    public double learningRate() {
        return schedule() == null ? fixedLearningRate() : schedule().at(iterations);
    }

    /**
     * The number of updates applied so far, as {@code optimizer.iterations} (with gradient accumulation,
     * the number of accumulated updates: raw steps floor-divided by {@code gradient_accumulation_steps}).
     */
    public long iterations() {
        Integer steps = gradientAccumulationSteps();
        return steps == null ? iterations : Math.floorDiv(iterations, steps);
    }

    /** Whether {@link #build} has created the optimizer's variables. */
    public boolean built() {
        return builtVariables != null;
    }

    @Override
    void checkNotBuilt(String argument) {
        if (built()) {
            throw new IllegalStateException(className() + ": `" + argument + "` cannot change after the optimizer is built"
                    + " (its variables exist); create a new optimizer");
        }
    }

    /**
     * Creates the optimizer's variables for {@code variables}, as Keras's {@code optimizer.build}; done by the
     * first {@link #apply} otherwise. Call it before {@link #setVariables} to resume training.
     */
    public final void build(List<Variable> variables) {
        if (built()) {
            return;
        }
        builtVariables = List.copyOf(variables);
        known.addAll(builtVariables);
        if (useEma()) {
            addSlots(builtVariables, "average");
        }
        if (gradientAccumulationSteps() != null) {
            addSlots(builtVariables, "gradient_accumulator");
        }
        createSlots(builtVariables);
    }

    /** Creates the subclass's slots with {@link #addSlots}, in Keras's order. */
    protected abstract void createSlots(List<Variable> variables);

    /**
     * Adds one zero-filled slot per variable and name, interleaved per variable as Keras's
     * {@code add_optimizer_variables(variables, names)} ({@code w1_momentum, w1_velocity, w2_momentum, ...}).
     */
    protected final void addSlots(List<Variable> variables, String... names) {
        addSlots(variables, names, new double[names.length]);
    }

    /** As {@link #addSlots(List, String...)}, with a constant initial value per name. */
    protected final void addSlots(List<Variable> variables, String[] names, double[] initialValues) {
        for (Variable v : variables) {
            for (int i = 0; i < names.length; i++) {
                INDArray value = Nd4j.valueArrayOf(v.value().shape(), initialValues[i], v.value().dataType());
                slots.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(names[i], value);
                slotList.add(new AbstractMap.SimpleImmutableEntry<>(v.path().replace('/', '_') + "_" + names[i], value));
            }
        }
    }

    /** Adds a variable that is not per model variable (Nadam's {@code u_product}), after the slots so far. */
    protected final INDArray addVariable(String name, INDArray value) {
        slotList.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        return value;
    }

    /** The slot {@code name} of {@code variable}, created by {@link #createSlots}. */
    protected final INDArray slot(Variable variable, String name) {
        INDArray slot = slots.getOrDefault(variable, Map.of()).get(name);
        if (slot == null) {
            throw new IllegalStateException(className() + ": no optimizer variable '" + name + "' for " + variable.path());
        }
        return slot;
    }

    /**
     * A work buffer of the variable's shape and dtype for {@code name}, shared by variables of equal shape and
     * kept across steps (never part of the optimizer state).
     */
    protected final INDArray scratch(Variable variable, String name) {
        INDArray v = variable.value();
        return scratch.computeIfAbsent(name + v.dataType() + Arrays.toString(v.shape()), k -> v.ulike());
    }

    /** The step number the update uses, {@code iterations + 1} (Adam's {@code local_step}). */
    protected final long localStep() {
        return iterations() + 1;
    }

    /** The slots of {@code variable}, slot name to array (empty before the optimizer is built). */
    public Map<String, INDArray> slots(Variable variable) {
        return slots.getOrDefault(variable, Map.of());
    }

    /**
     * The optimizer's variables in Keras's order and with Keras's names, as {@code optimizer.variables}:
     * {@code iteration} (int64), {@code learning_rate} (float32, absent with a schedule), then the slots. The
     * slot arrays are live; the first two are copies.
     */
    public List<Map.Entry<String, INDArray>> variables() {
        List<Map.Entry<String, INDArray>> out = new ArrayList<>();
        out.add(new AbstractMap.SimpleImmutableEntry<>("iteration", Nd4j.scalar(DataType.LONG, iterations)));
        if (schedule() == null) {
            out.add(new AbstractMap.SimpleImmutableEntry<>("learning_rate", Nd4j.scalar(DataType.FLOAT, (float) fixedLearningRate())));
        }
        out.addAll(slotList);
        return out;
    }

    /**
     * Restores the state saved from {@link #variables()} (same order), as Keras's {@code set_weights}; the
     * optimizer must be built on the same model variables first.
     */
    public void setVariables(List<INDArray> values) {
        if (!built()) {
            throw new IllegalStateException(className() + ": call build(trainableVariables) before setVariables");
        }
        List<Map.Entry<String, INDArray>> current = variables();
        if (values.size() != current.size()) {
            throw new IllegalArgumentException(className() + ": expected " + current.size() + " optimizer variables "
                    + names(current) + ", got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            INDArray target = current.get(i).getValue();
            if (!Arrays.equals(target.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException(className() + ": optimizer variable '" + current.get(i).getKey() + "' has shape "
                        + Arrays.toString(target.shape()) + ", got " + Arrays.toString(values.get(i).shape()));
            }
        }
        iterations = values.get(0).getLong(0);
        int next = 1;
        if (schedule() == null) {
            setLearningRate(values.get(next++).getDouble(0));
        }
        for (; next < values.size(); next++) {
            current.get(next).getValue().assign(values.get(next));
        }
    }

    private static List<String> names(List<Map.Entry<String, INDArray>> entries) {
        List<String> names = new ArrayList<>();
        entries.forEach(e -> names.add(e.getKey()));
        return names;
    }

    /**
     * Applies one step to the trainable variables that have a gradient, then increments the step count, as
     * Keras's {@code optimizer.apply(grads, variables)}. The gradient buffers are overwritten.
     *
     * @throws IllegalArgumentException for a variable the optimizer was not built with
     * @throws IllegalStateException    when no variable has a gradient
     */
    public final void apply(List<Variable> variables) {
        if (variables.isEmpty()) {
            return;
        }
        build(variables);
        List<Variable> active = new ArrayList<>(variables.size());
        for (Variable v : variables) {
            if (!known.contains(v)) {
                throw new IllegalArgumentException(className() + ": unknown variable " + v + ". This optimizer can only be called "
                        + "for the variables it was originally built with; create a new optimizer for new variables");
            }
            if (v.trainable() && v.hasGradient()) {
                active.add(v);
            }
        }
        if (active.isEmpty()) {
            throw new IllegalStateException(className() + ": no gradients provided for any variable");
        }
        double lr = learningRate();
        GradientProcessing.unscale(active, lossScaleFactor());
        Integer steps = gradientAccumulationSteps();
        if (steps == null || GradientProcessing.accumulate(this, active, steps, (iterations + 1) % steps == 0)) {
            GradientProcessing.clip(active, clipnorm(), globalClipnorm(), clipvalue());
            if (weightDecay() != null) {
                for (Variable v : active) {
                    if (useWeightDecay(v)) {
                        v.value().muli(1.0 - weightDecay() * lr);
                    }
                }
            }
            beforeUpdateSteps();
            for (Variable v : active) {
                updateStep(v, v.gradient(), lr);
            }
        }
        if (useEma()) {
            GradientProcessing.updateAverages(this, builtVariables, iterations() == 0 ? 0.0 : emaMomentum());
            if (emaOverwriteFrequency() != null && (iterations() + 1) % emaOverwriteFrequency() == 0) {
                finalizeVariableValues(builtVariables);
            }
        }
        for (Variable v : active) {
            if (v.constraint() != null) {
                v.constraint().apply(v.value());
            }
        }
        iterations++;
    }

    /**
     * Applies one step with the given gradients, as Keras's {@code optimizer.apply_gradients(zip(grads, variables))}
     * (the form of custom training loops); a null gradient leaves its variable alone, as Keras skips a {@code None}.
     *
     * @throws IllegalArgumentException when the lists differ in length or a gradient's shape differs from its variable's
     */
    public final void applyGradients(List<INDArray> gradients, List<Variable> variables) {
        if (gradients.size() != variables.size()) {
            throw new IllegalArgumentException(className() + ".applyGradients: got " + gradients.size() + " gradients for "
                    + variables.size() + " variables; pass one gradient (or null) per variable");
        }
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            INDArray g = gradients.get(i);
            v.resetGradient();
            if (g == null) {
                continue;
            }
            if (!java.util.Arrays.equals(g.shape(), v.value().shape())) {
                throw new IllegalArgumentException(className() + ".applyGradients: gradient " + i + " has shape "
                        + java.util.Arrays.toString(g.shape()) + " but variable " + v.path() + " has shape "
                        + java.util.Arrays.toString(v.value().shape()));
            }
            v.setGradient(g.dataType() == v.value().dataType() ? g : g.castTo(v.value().dataType()));
        }
        apply(variables);
    }

    /**
     * Overwrites the model variables with their moving averages when {@code use_ema} is set, as Keras's
     * {@code finalize_variable_values} (which {@code fit} calls after the last epoch).
     */
    public void finalizeVariableValues(List<Variable> variables) {
        if (useEma() && built()) {
            for (Variable v : variables) {
                if (slots.containsKey(v)) {
                    v.value().assign(slot(v, "average"));
                }
            }
        }
    }

    /** Runs once per applied update before the per-variable steps (Nadam's {@code _backend_update_step}). */
    protected void beforeUpdateSteps() {
    }

    /**
     * Updates {@code variable.value()} in place from its (clipped) gradient, as Keras's {@code update_step}.
     * The gradient buffer is the optimizer's to overwrite.
     */
    protected abstract void updateStep(Variable variable, INDArray gradient, double learningRate);
}
