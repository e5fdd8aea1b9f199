package io.keras4j.optimizers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import io.keras4j.optimizers.schedules.LearningRateSchedules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The arguments every Keras optimizer shares (keras/src/optimizers/base_optimizer.py {@code __init__} and
 * {@code get_config}): {@code learning_rate}, {@code weight_decay}, {@code clipnorm}, {@code clipvalue},
 * {@code global_clipnorm}, {@code use_ema}, {@code ema_momentum}, {@code ema_overwrite_frequency},
 * {@code loss_scale_factor}, {@code gradient_accumulation_steps}, {@code name}, as fluent setters.
 */
abstract class OptimizerOptions {
    private static final List<String> BASE_KEYS = List.of("name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
            "gradient_accumulation_steps", "decay");

    private final String className;
    private String name;
    private double learningRate;
    private LearningRateSchedule schedule;
    private Double weightDecay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private boolean useEma;
    private double emaMomentum = 0.99;
    private Integer emaOverwriteFrequency;
    private Double lossScaleFactor;
    private Integer gradientAccumulationSteps;
    private final Set<Variable> excludedFromWeightDecay = Collections.newSetFromMap(new IdentityHashMap<>());
    private Pattern excludedFromWeightDecayNames;

    OptimizerOptions(String className, String name, double learningRate, LearningRateSchedule schedule) {
        this.className = className;
        this.name = name;
        if (schedule == null) {
            setLearningRate(learningRate);
        } else {
            this.schedule = schedule;
        }
    }

    /** Throws if the optimizer's variables exist (for arguments that decide which variables exist). */
    abstract void checkNotBuilt(String argument);

    @SuppressWarnings("unchecked")
    private <O extends Optimizer> O self() {
        return (O) this;
    }

    /** The Keras class name ("Adam"), as saved in configs. */
    public String className() {
        return className;
    }

    /** The optimizer's name ("adam"), as Keras's {@code optimizer.name}. */
    public String name() {
        return name;
    }

    public <O extends Optimizer> O name(String name) {
        this.name = name;
        return self();
    }

    /** The float learning rate (meaningless with a schedule). */
    double fixedLearningRate() {
        return learningRate;
    }

    /** The learning-rate schedule, or null for a float learning rate. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /**
     * Sets a float learning rate, as {@code optimizer.learning_rate = value}.
     *
     * @throws IllegalStateException if the optimizer was created with a schedule (as Keras's TypeError)
     */
    public void setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException(className + " was created with a LearningRateSchedule as its `learning_rate`, hence its "
                    + "learning rate is not settable; create the optimizer with a float `learning_rate` instead");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(className + ": argument `learning_rate` must be a finite float >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Replaces the learning rate by a schedule, as {@code optimizer.learning_rate = schedule}. */
    public void setLearningRate(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    public Double weightDecay() {
        return weightDecay;
    }

    /** Decoupled weight decay: {@code w -= w * weight_decay * lr} before each update. */
    public <O extends Optimizer> O weightDecay(Double weightDecay) {
        this.weightDecay = weightDecay;
        return self();
    }

    /**
     * Excludes variables from weight decay, as Keras's {@code exclude_from_weight_decay}: those in
     * {@code varList}, and those whose name contains a match of one of {@code varNames} (regular expressions).
     */
    public <O extends Optimizer> O excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        checkNotBuilt("exclude_from_weight_decay");
        excludedFromWeightDecay.clear();
        if (varList != null) {
            excludedFromWeightDecay.addAll(varList);
        }
        excludedFromWeightDecayNames = varNames == null || varNames.isEmpty() ? null : Pattern.compile(String.join("|", varNames));
        return self();
    }

    /** Whether weight decay applies to {@code v}, as Keras's {@code _use_weight_decay}. */
    boolean useWeightDecay(Variable v) {
        return !excludedFromWeightDecay.contains(v)
                && (excludedFromWeightDecayNames == null || !excludedFromWeightDecayNames.matcher(v.name()).find());
    }

    public Double clipnorm() {
        return clipnorm;
    }

    /** Clips each variable's gradient to this L2 norm: {@code g * clipnorm / max(||g||, clipnorm)}. */
    public <O extends Optimizer> O clipnorm(Double clipnorm) {
        this.clipnorm = checkOneClip("clipnorm", clipnorm, clipvalue, globalClipnorm);
        return self();
    }

    public Double clipvalue() {
        return clipvalue;
    }

    /** Clips each gradient element to [-clipvalue, clipvalue]. */
    public <O extends Optimizer> O clipvalue(Double clipvalue) {
        this.clipvalue = checkOneClip("clipvalue", clipvalue, clipnorm, globalClipnorm);
        return self();
    }

    public Double globalClipnorm() {
        return globalClipnorm;
    }

    /** Scales all gradients together so that their global L2 norm is at most this value. */
    public <O extends Optimizer> O globalClipnorm(Double globalClipnorm) {
        this.globalClipnorm = checkOneClip("global_clipnorm", globalClipnorm, clipnorm, clipvalue);
        return self();
    }

    private Double checkOneClip(String argument, Double value, Double other1, Double other2) {
        if (value != null && (other1 != null || other2 != null)) {
            throw new IllegalArgumentException(className + ": only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + clipnorm + ", clipvalue=" + clipvalue + ", global_clipnorm=" + globalClipnorm
                    + ", then " + argument + "=" + value);
        }
        return value;
    }

    public boolean useEma() {
        return useEma;
    }

    /** Keeps an exponential moving average of the weights ({@code average = m * average + (1 - m) * w}). */
    public <O extends Optimizer> O useEma(boolean useEma) {
        checkNotBuilt("use_ema");
        this.useEma = useEma;
        return self();
    }

    public double emaMomentum() {
        return emaMomentum;
    }

    public <O extends Optimizer> O emaMomentum(double emaMomentum) {
        if (!(emaMomentum >= 0 && emaMomentum <= 1)) {
            throw new IllegalArgumentException(className + ": `ema_momentum` must be in the range [0, 1]. Received: ema_momentum=" + emaMomentum);
        }
        this.emaMomentum = emaMomentum;
        return self();
    }

    public Integer emaOverwriteFrequency() {
        return emaOverwriteFrequency;
    }

    /** Every this many (accumulated) iterations, the weights are overwritten by their moving average. */
    public <O extends Optimizer> O emaOverwriteFrequency(Integer frequency) {
        if (frequency != null && frequency < 1) {
            throw new IllegalArgumentException(className + ": `ema_overwrite_frequency` must be an integer >= 1 or None. "
                    + "Received: ema_overwrite_frequency=" + frequency);
        }
        this.emaOverwriteFrequency = frequency;
        return self();
    }

    public Double lossScaleFactor() {
        return lossScaleFactor;
    }

    /** Gradients are divided by this factor before the update (the loss is assumed multiplied by it). */
    public <O extends Optimizer> O lossScaleFactor(Double lossScaleFactor) {
        this.lossScaleFactor = lossScaleFactor;
        return self();
    }

    public Integer gradientAccumulationSteps() {
        return gradientAccumulationSteps;
    }

    /** Updates only every this many steps, with the average of the gradients since the last update. */
    public <O extends Optimizer> O gradientAccumulationSteps(Integer steps) {
        checkNotBuilt("gradient_accumulation_steps");
        if (steps != null && steps < 2) {
            throw new IllegalArgumentException(className + ": `gradient_accumulation_steps` must be an integer >= 2. "
                    + "Received: gradient_accumulation_steps=" + steps);
        }
        this.gradientAccumulationSteps = steps;
        return self();
    }

    /** The Keras config: the base keys in Keras's order, then the subclass's (which override this). */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learning_rate", schedule == null ? (Object) learningRate : LearningRateSchedules.serialize(schedule));
        config.put("weight_decay", weightDecay);
        config.put("clipnorm", clipnorm);
        config.put("global_clipnorm", globalClipnorm);
        config.put("clipvalue", clipvalue);
        config.put("use_ema", useEma);
        config.put("ema_momentum", emaMomentum);
        config.put("ema_overwrite_frequency", emaOverwriteFrequency);
        config.put("loss_scale_factor", lossScaleFactor);
        config.put("gradient_accumulation_steps", gradientAccumulationSteps);
        return config;
    }

    /** A config reader for {@code owner} that rejects keys other than the base keys and {@code keys}. */
    static Config config(String owner, Map<String, Object> map, String... keys) {
        List<String> known = new ArrayList<>(BASE_KEYS);
        known.addAll(List.of(keys));
        return new Config(owner, map).allow(known.toArray(new String[0]));
    }

    /** The float {@code learning_rate} of the config for the constructor ({@code defaultValue} if absent or a schedule). */
    static double lr(Config c, double defaultValue) {
        return c.raw("learning_rate") instanceof Number ? c.getDouble("learning_rate", defaultValue) : defaultValue;
    }

    /** Applies the base keys of {@code c} (a float or serialized schedule learning rate, clipping, ...) to {@code o}. */
    @SuppressWarnings("unchecked")
    static <O extends Optimizer> O withBaseConfig(O o, Config c) {
        Object lr = c.raw("learning_rate");
        if (lr instanceof LearningRateSchedule) {
            o.setLearningRate((LearningRateSchedule) lr);
        } else if (lr instanceof Map) {
            o.setLearningRate(LearningRateSchedules.deserialize((Map<String, Object>) lr));
        } else if (lr != null) {
            o.setLearningRate(lr(c, 0));
        }
        if (c.has("name")) {
            o.name(c.getString("name", null));
        }
        o.weightDecay(c.has("weight_decay") ? (Double) c.getDouble("weight_decay", 0) : o.weightDecay());
        o.clipnorm(c.has("clipnorm") ? c.getDouble("clipnorm", 0) : null);
        o.clipvalue(c.has("clipvalue") ? c.getDouble("clipvalue", 0) : null);
        o.globalClipnorm(c.has("global_clipnorm") ? c.getDouble("global_clipnorm", 0) : null);
        o.useEma(c.getBoolean("use_ema", false));
        o.emaMomentum(c.getDouble("ema_momentum", 0.99));
        o.emaOverwriteFrequency(c.has("ema_overwrite_frequency") ? c.getInt("ema_overwrite_frequency") : null);
        o.lossScaleFactor(c.has("loss_scale_factor") ? c.getDouble("loss_scale_factor", 0) : null);
        o.gradientAccumulationSteps(c.has("gradient_accumulation_steps") ? c.getInt("gradient_accumulation_steps") : null);
        return o;
    }
}
