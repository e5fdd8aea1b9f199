/**
 * Keras 3's {@code keras.ops} on ND4J arrays, eagerly, with automatic differentiation: {@link io.keras4j.ops.Ops}
 * (the public facade, {@code import static io.keras4j.ops.Ops.*}) and {@link io.keras4j.ops.GradientTape}. Each op's
 * forward pass and its gradient sit together in the package-private class of its group, as Keras groups them:
 * {@code Arithmetic}, {@code Comparisons}, {@code Where}, {@code ElementWise}, {@code Reductions},
 * {@code LinearAlgebra}, {@code Einsum}, {@code ShapeOps}, {@code Padding}, {@code Slicing}, {@code Indexing}, {@code Creation},
 * {@code Activations}, {@code Crossentropy}, {@code Convolution}, {@code Pooling}, {@code Normalization} and
 * {@code Attention}. The list of ops with their Keras names is docs/ops.md.
 */
package io.keras4j.ops;
