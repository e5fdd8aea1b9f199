/** Runnable ports of Keras example scripts; {@link io.keras4j.samples.MnistMlp} is the seed script. */
package io.keras4j.samples;
