/**
 * Weight constraints, as {@code keras.constraints}: projections the optimizer applies to a weight after each
 * update ({@link io.keras4j.constraints.MaxNorm}, {@link io.keras4j.constraints.MinMaxNorm},
 * {@link io.keras4j.constraints.NonNeg}, {@link io.keras4j.constraints.UnitNorm}).
 */
package io.keras4j.constraints;
