/**
 * The {@code keras4j} command line ({@link io.keras4j.cli.Keras4jCli}): {@code summary}, {@code convert},
 * {@code predict}, {@code inspect} and {@code plot} of Keras model files, on picocli.
 */
package io.keras4j.cli;
