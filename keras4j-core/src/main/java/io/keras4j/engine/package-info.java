/**
 * The engine under every model: {@link io.keras4j.engine.Layer} (build, call, backward, config),
 * {@link io.keras4j.engine.Variable}, the symbolic {@link io.keras4j.engine.KerasTensor} and
 * {@link io.keras4j.engine.Node}, the executable {@link io.keras4j.engine.Graph}, the per-node
 * {@link io.keras4j.engine.CallContext}, and the registries that map Keras class names to Java objects
 * ({@link io.keras4j.engine.Registry}, {@link io.keras4j.engine.LayerProvider}). Custom layers extend
 * {@code Layer} and register through {@code LayerProvider}.
 */
package io.keras4j.engine;
