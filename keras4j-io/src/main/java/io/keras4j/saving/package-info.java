/**
 * Reading and writing Keras's file formats, behind {@code model.toJson()}, {@code model.save(path)},
 * {@code model.saveWeights(path)}, {@code model.loadWeights(path)}, {@code Models.modelFromJson(json)} and
 * {@code Models.loadModel(path)} ({@link io.keras4j.saving.KerasModelIO}, found through {@code ServiceLoader}).
 *
 * <ul>
 *   <li>Model JSON in Keras 3's form (as {@code model.to_json()} writes it, byte for byte); reading also accepts
 *       tf.keras 2.x and Keras 1 configs.</li>
 *   <li>{@code .keras} archives ({@code metadata.json}, {@code config.json}, {@code model.weights.h5}) with the
 *       compile configuration and the optimizer state.</li>
 *   <li>{@code .weights.h5} (Keras 3 layout {@code layers/<name>/vars/<i>}) and legacy {@code .h5} full models
 *       and weight files of Keras 1, 2 and 3, loaded by order or by name.</li>
 *   <li>{@link io.keras4j.saving.SerializationLib#registerSerializable}: user layers, activations and losses
 *       that round-trip, as {@code keras.saving.register_keras_serializable}.</li>
 *   <li>{@link io.keras4j.saving.Npy} and {@link io.keras4j.saving.Npz}: NumPy's {@code .npy} and
 *       {@code .npz} array files, as {@code np.save}, {@code np.savez} and {@code np.load}.</li>
 *   <li>{@link io.keras4j.saving.KerasFormatException}: every problem with a file's content, naming
 *       the file, the element and what is wrong; {@link io.keras4j.saving.UnsupportedFeatureException} when a
 *       valid file needs something keras4j does not have yet (a layer class, an activation).</li>
 * </ul>
 *
 * <p>Layers whose weights Keras stores in another layout or grouping than {@code layer.weights()} implement
 * {@link io.keras4j.engine.KerasWeights}. Every writer writes to a temporary file beside the target and moves it
 * into place, so a failed save never leaves a half-written file where a good one was; the next save removes the
 * temporaries a killed process left. Readers verify zip checksums, cap what an archive may expand to (system property
 * {@code keras4j.maxArchiveBytes}, default 2 GiB) and write nothing to disk.
 */
package io.keras4j.saving;
