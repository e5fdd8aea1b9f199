/** Benchmarks of keras4j models against Keras 3 and PyTorch (see samples/src/test/python). */
package io.keras4j.samples.bench;
