/**
 * Models, as {@code keras.Model} / {@code keras.Sequential}: {@link io.keras4j.models.Model} (functional),
 * {@link io.keras4j.models.Sequential}, their training API ({@code compile}, {@code fit}, {@code evaluate},
 * {@code predict}) with {@link io.keras4j.models.CompileOptions} and {@link io.keras4j.models.FitOptions}, and
 * {@link io.keras4j.models.Models} for loading saved models.
 */
package io.keras4j.models;
