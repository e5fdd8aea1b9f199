/** Ports of Keras example scripts to keras4j. */
package io.keras4j.samples;
