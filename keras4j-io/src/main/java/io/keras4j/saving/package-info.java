/**
 * Reading and writing Keras's file formats.
 *
 * <ul>
 *   <li>{@link io.keras4j.saving.Npy} and {@link io.keras4j.saving.Npz}: NumPy's {@code .npy} and
 *       {@code .npz} array files, as {@code np.save}, {@code np.savez} and {@code np.load}.</li>
 *   <li>{@link io.keras4j.saving.KerasFormatException}: every problem with a file's content, naming
 *       the file and what is wrong.</li>
 * </ul>
 *
 * <p>Every writer writes to a temporary file beside the target and moves it into place, so a
 * failed save never leaves a half-written file where a good one was.
 */
package io.keras4j.saving;
