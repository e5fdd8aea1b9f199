/** Runnable ports of Keras example scripts. */
package io.keras4j.samples;
