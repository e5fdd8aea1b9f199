/** Benchmark mains: training throughput and memory, compared with Keras and PyTorch in the issue notes. */
package io.keras4j.samples.bench;
