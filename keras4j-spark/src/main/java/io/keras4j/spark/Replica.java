package io.keras4j.spark;

import io.keras4j.losses.Loss;
import io.keras4j.models.CompileOptions;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executor's copy of the model being trained, rebuilt once from the broadcast {@link ModelSpec} and kept in a
 * per-JVM cache: each step only loads the broadcast weights (skipped when the replica already holds that version).
 * A replica serves one task at a time; concurrent tasks of one executor borrow one each.
 */
final class Replica {
    /** Idle replicas per spec id; only the most recent specs are kept (an executor outlives many fits). */
    private static final Map<String, Deque<Replica>> IDLE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Replica>> eldest) {
            return size() > 4;
        }
    };

    final Model model;
    final List<Loss> losses;
    private final double[] lossWeights;
    private final ModelSpec spec;
    private Optimizer optimizer;
    private long version = -1;

    private Replica(ModelSpec spec) {
        this.spec = spec;
        this.model = spec.model();
        this.losses = spec.losses();
        this.lossWeights = spec.lossWeights;
        // compiled for computeLoss (the losses, loss weights, penalties and added losses of fit); its optimizer is unused
        model.compile(new CompileOptions().optimizer("sgd").loss(losses.toArray()).lossWeights(lossWeights));
    }

    double[] lossWeights() {
        return lossWeights;
    }

    /** An idle replica of the spec's model holding {@code weights}, built if none is idle. */
    static Replica borrow(ModelSpec spec, Weights weights) {
        Replica r;
        synchronized (IDLE) {
            r = IDLE.computeIfAbsent(spec.id, k -> new ArrayDeque<>()).poll();
        }
        if (r == null) {
            r = new Replica(spec);
        }
        if (r.version != weights.version) {
            r.model.setWeights(weights.arrays());
            r.version = weights.version;
        }
        return r;
    }

    /** Returns a replica after a successful task (one whose task failed is dropped: its state is unknown). */
    static void release(ModelSpec spec, Replica replica) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(spec.id, k -> new ArrayDeque<>()).push(replica);
        }
    }

    /**
     * The replica's own optimizer (parameter averaging), holding {@code state}: the driver's optimizer variables
     * ({@code Optimizer.variables()} order). The replica's weights change with it, so the next borrow reloads them.
     */
    Optimizer optimizer(Weights state) {
        if (optimizer == null) {
            optimizer = spec.optimizer();
            optimizer.build(model.trainableWeights());
        }
        optimizer.setVariables(state.arrays());
        version = -1;
        return optimizer;
    }
}
