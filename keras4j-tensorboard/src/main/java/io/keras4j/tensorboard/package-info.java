/**
 * The {@link io.keras4j.tensorboard.TensorBoard} callback, as {@code keras.callbacks.TensorBoard}: TensorFlow event
 * files (scalars, weight histograms and the Keras model graph) that the {@code tensorboard} command shows, written
 * with protobuf-java in the TFRecord framing TensorFlow uses. Its own module, so that core stays free of protobuf.
 */
package io.keras4j.tensorboard;
