package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * The gradient and weight handling that keras/src/optimizers/base_optimizer.py does around {@code update_step}:
 * loss-scale division, gradient accumulation, clipping ({@code _clip_gradients}, {@code _clip_by_norm},
 * {@code clip_by_global_norm}) and the weights' moving average ({@code _update_model_variables_moving_average}).
 * Everything works in place on the gradient buffers and the optimizer's slots.
 */
final class GradientProcessing {
    private GradientProcessing() {
    }

    /** {@code g /= loss_scale_factor}. */
    static void unscale(List<Variable> variables, Double lossScaleFactor) {
        if (lossScaleFactor != null) {
            for (Variable v : variables) {
                v.gradient().divi(lossScaleFactor);
            }
        }
    }

    /**
     * Gradient accumulation, as {@code _backend_apply_gradients}: on an update step the gradients become
     * {@code (g + accumulator) / steps} and the accumulators are zeroed; otherwise {@code accumulator += g}.
     *
     * @return whether this is an update step
     */
    static boolean accumulate(Optimizer optimizer, List<Variable> variables, int steps, boolean updateStep) {
        for (Variable v : variables) {
            INDArray accumulator = optimizer.slot(v, "gradient_accumulator");
            if (updateStep) {
                v.gradient().addi(accumulator).divi(steps);
                accumulator.assign(0);
            } else {
                Blas.axpy(1.0, v.gradient(), accumulator);
            }
        }
        return updateStep;
    }

    /** Keras's {@code _clip_gradients}: clipnorm per variable, else global_clipnorm, else clipvalue (each if > 0). */
    static void clip(List<Variable> variables, Double clipnorm, Double globalClipnorm, Double clipvalue) {
        if (clipnorm != null && clipnorm > 0) {
            for (Variable v : variables) {
                double norm = v.gradient().norm2Number().doubleValue();
                // g * clipnorm / max(norm, clipnorm)
                if (norm > clipnorm) {
                    v.gradient().muli(clipnorm / norm);
                }
            }
        } else if (globalClipnorm != null && globalClipnorm > 0) {
            double squared = 0;
            for (Variable v : variables) {
                double n = v.gradient().norm2Number().doubleValue();
                squared += n * n;
            }
            double norm = Math.sqrt(squared);
            // clip_norm * min(1 / norm, 1 / clip_norm), NaN when the norm is not finite
            double scale = globalClipnorm * Math.min(1.0 / norm, 1.0 / globalClipnorm) + (norm - norm);
            if (scale != 1.0) {
                for (Variable v : variables) {
                    v.gradient().muli(scale);
                }
            }
        } else if (clipvalue != null && clipvalue > 0) {
            for (Variable v : variables) {
                Transforms.min(v.gradient(), clipvalue, false);
                Transforms.max(v.gradient(), -clipvalue, false);
            }
        }
    }

    /** {@code average = momentum * average + (1 - momentum) * w} for every variable the optimizer was built on. */
    static void updateAverages(Optimizer optimizer, List<Variable> variables, double momentum) {
        for (Variable v : variables) {
            INDArray average = optimizer.slot(v, "average");
            if (momentum == 0) {
                average.assign(v.value());
            } else {
                average.muli(momentum);
                Blas.axpy(1 - momentum, v.value(), average);
            }
        }
    }
}
