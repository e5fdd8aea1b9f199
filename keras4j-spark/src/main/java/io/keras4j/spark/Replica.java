package io.keras4j.spark;

import io.keras4j.engine.CallContext;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;

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
    final CallContext context = new CallContext();
    private long version = -1;

    private Replica(ModelSpec spec) {
        this.model = spec.model();
        this.losses = spec.losses();
        this.lossWeights = spec.lossWeights;
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

    /** Marks the replica's weights as changed locally (parameter averaging trains it between broadcasts). */
    void invalidate() {
        version = -1;
    }
}
