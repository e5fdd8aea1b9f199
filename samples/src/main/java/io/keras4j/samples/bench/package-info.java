/** Training-speed benchmarks of the sample models, to compare with real Keras and PyTorch. */
package io.keras4j.samples.bench;
