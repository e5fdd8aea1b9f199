package io.keras4j.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the weights non-negative, as keras/src/constraints/constraints.py {@code NonNeg}: {@code w = max(w, 0)}. */
public class NonNeg implements Constraint {
    @Override
    public void apply(INDArray w) {
        Transforms.max(w, 0.0, false);
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
