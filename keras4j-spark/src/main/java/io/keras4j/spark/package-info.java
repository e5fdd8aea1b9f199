/**
 * Synchronous data-parallel training of keras4j models on Apache Spark, as Deeplearning4j's dl4j-spark did for its
 * networks: {@link io.keras4j.spark.SparkModel#fit} trains a compiled model on a {@code JavaRDD<Sample>} (or a
 * {@code Dataset<Row>}) partitioned over the executors. Each step the executors compute the gradient of their shard
 * of the global batch on a broadcast copy of the weights, the driver sums the gradients with {@code treeAggregate}
 * and applies the optimizer, so training equals single-machine {@code fit} on the global batch.
 */
package io.keras4j.spark;
