/**
 * Weight initializers, as {@code keras.initializers}: constants ({@link io.keras4j.initializers.Zeros},
 * {@link io.keras4j.initializers.Ones}, {@link io.keras4j.initializers.Constant},
 * {@link io.keras4j.initializers.Identity}) and seeded random draws (normal, uniform, truncated normal,
 * variance scaling and its Glorot/He/LeCun forms, orthogonal). {@link io.keras4j.initializers.Initializers}
 * resolves Keras identifiers.
 */
package io.keras4j.initializers;
