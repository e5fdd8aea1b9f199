/**
 * The activation functions of {@code keras.activations} with their derivatives, by Keras identifier through
 * {@link io.keras4j.activations.Activations}: {@code Activations.get("gelu")}. Each function is a small
 * package-private class citing its formula in keras/src/activations/activations.py and the backends' nn.py.
 */
package io.keras4j.activations;
