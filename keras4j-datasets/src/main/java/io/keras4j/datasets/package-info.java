/**
 * Keras's built-in datasets, as {@code keras.datasets} ({@link io.keras4j.datasets.Mnist},
 * {@link io.keras4j.datasets.FashionMnist}, {@link io.keras4j.datasets.Cifar10}, {@link io.keras4j.datasets.Cifar100},
 * {@link io.keras4j.datasets.Imdb}, {@link io.keras4j.datasets.Reuters}, {@link io.keras4j.datasets.BostonHousing},
 * {@link io.keras4j.datasets.CaliforniaHousing}), and user data read through DataVec
 * ({@link io.keras4j.datasets.CsvDataset}).
 *
 * <pre>{@code
 * TrainTestData mnist = Mnist.loadData();   // (x_train, y_train), (x_test, y_test) = mnist.load_data()
 * }</pre>
 *
 * <p>Each loader looks for the files, in order: in the directory passed to {@code loadData(dir)};
 * in {@code $KERAS4J_DATASETS/<name>} (system property {@code keras4j.datasets} wins over the
 * environment variable); in keras4j's cache {@code ~/.keras4j/datasets/<name>}; in Keras's cache
 * {@code ~/.keras/datasets}; in system folders such as Debian's {@code /usr/share/datasets}. Failing
 * all of those it downloads Keras's files, checks their SHA-256 and keeps them in keras4j's cache.
 */
package io.keras4j.datasets;
