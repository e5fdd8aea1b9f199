package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The shared configuration of the normalization layers that end with a learned affine map
 * {@code gamma * x_hat + beta} (BatchNormalization, LayerNormalization, GroupNormalization): {@code epsilon},
 * {@code center}, {@code scale} and the beta/gamma initializers, regularizers and constraints, with Keras's
 * keys and defaults (beta "zeros", gamma "ones").
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class AffineNormalization<T extends AffineNormalization<T>> extends Layer {
    double epsilon = 1e-3;
    boolean center = true;
    boolean scale = true;
    Initializer betaInitializer = Initializers.get("zeros");
    Initializer gammaInitializer = Initializers.get("ones");
    Regularizer betaRegularizer;
    Regularizer gammaRegularizer;
    Constraint betaConstraint;
    Constraint gammaConstraint;
    Variable gamma;
    Variable beta;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for the normalizations. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Small float added to the variance to avoid dividing by zero. */
    public T epsilon(double epsilon) {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException(className() + ": argument `epsilon` must be >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return self();
    }

    /** Whether to add the offset {@code beta}. */
    public T center(boolean center) {
        this.center = center;
        return self();
    }

    /** Whether to multiply by {@code gamma}. */
    public T scale(boolean scale) {
        this.scale = scale;
        return self();
    }

    public T betaInitializer(String initializer) {
        return betaInitializer(Initializers.get(initializer));
    }

    public T betaInitializer(Initializer initializer) {
        this.betaInitializer = initializer;
        return self();
    }

    public T gammaInitializer(String initializer) {
        return gammaInitializer(Initializers.get(initializer));
    }

    public T gammaInitializer(Initializer initializer) {
        this.gammaInitializer = initializer;
        return self();
    }

    public T betaRegularizer(Regularizer regularizer) {
        this.betaRegularizer = regularizer;
        return self();
    }

    public T gammaRegularizer(Regularizer regularizer) {
        this.gammaRegularizer = regularizer;
        return self();
    }

    public T betaConstraint(Constraint constraint) {
        this.betaConstraint = constraint;
        return self();
    }

    public T gammaConstraint(Constraint constraint) {
        this.gammaConstraint = constraint;
        return self();
    }

    /** The scale {@code gamma}, or null without scale or before build. */
    public Variable gamma() {
        return gamma;
    }

    /** The offset {@code beta}, or null without center or before build. */
    public Variable beta() {
        return beta;
    }

    /** Creates gamma then beta (Keras's order) of the given shape, as enabled by scale and center. */
    void addGammaBeta(long[] shape, boolean withGamma, boolean withBeta) {
        if (withGamma) {
            gamma = addWeight("gamma", shape, gammaInitializer, gammaRegularizer, gammaConstraint, true);
        }
        if (withBeta) {
            beta = addWeight("beta", shape, betaInitializer, betaRegularizer, betaConstraint, true);
        }
    }

    /** Adds the shared keys, in Keras's order, after the layer's own leading keys. */
    void putAffineConfig(Map<String, Object> config) {
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", betaInitializer);
        config.put("gamma_initializer", gammaInitializer);
    }

    /** Adds the regularizer and constraint keys. */
    void putPenaltyConfig(Map<String, Object> config) {
        config.put("beta_regularizer", betaRegularizer);
        config.put("gamma_regularizer", gammaRegularizer);
        config.put("beta_constraint", betaConstraint);
        config.put("gamma_constraint", gammaConstraint);
    }

    /** Reads the shared keys from a config (and the base keys), with {@code defaultEpsilon}. */
    T applyAffineConfig(Config c, double defaultEpsilon) {
        epsilon(c.getDouble("epsilon", defaultEpsilon));
        center(c.getBoolean("center", true));
        scale(c.getBoolean("scale", true));
        betaInitializer(c.initializer("beta_initializer", "zeros"));
        gammaInitializer(c.initializer("gamma_initializer", "ones"));
        betaRegularizer(c.regularizer("beta_regularizer"));
        gammaRegularizer(c.regularizer("gamma_regularizer"));
        betaConstraint(c.constraint("beta_constraint"));
        gammaConstraint(c.constraint("gamma_constraint"));
        return c.applyBase(self());
    }

    /**
     * {@code x_hat * gamma + beta} with the weights reshaped to {@code broadcast} (sizes on the feature axes,
     * 1 elsewhere); without scale or center the missing term is left out.
     */
    INDArray affine(INDArray xHat, long[] broadcast) {
        INDArray y = gamma == null ? xHat.dup() : xHat.mul(gamma.value().reshape(broadcast));
        return beta == null ? y : y.addi(beta.value().reshape(broadcast));
    }

    /**
     * Adds the gradients of gamma and beta (summed over {@code reduce}, the non-feature axes) and returns the
     * gradient of {@code x_hat}.
     */
    INDArray affineBackward(INDArray xHat, INDArray dy, long[] broadcast, int[] reduce) {
        if (gamma != null) {
            gamma.addGradient(dy.mul(xHat).sum(reduce).reshape(gamma.value().shape()));
        }
        if (beta != null) {
            beta.addGradient(dy.sum(reduce).reshape(beta.value().shape()));
        }
        return gamma == null ? dy : dy.mul(gamma.value().reshape(broadcast));
    }

    /** The axis as a non-negative index into a shape of the given rank, or an error naming the layer. */
    int canonicalAxis(int axis, int rank) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 1 || a >= rank) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": axis " + axis
                    + " is out of bounds for an input of rank " + rank + " (the batch axis 0 cannot be normalized over)");
        }
        return a;
    }
}
