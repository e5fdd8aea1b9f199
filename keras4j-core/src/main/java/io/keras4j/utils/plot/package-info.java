/**
 * Pictures of models and training, drawn in Java: {@link io.keras4j.utils.plot.Plots} behind
 * {@code Utils.plotModel} ({@code keras.utils.plot_model}, with {@link io.keras4j.utils.plot.PlotOptions}) and
 * {@code History.plot}. PNG through Java2D off screen, SVG through a small writer; a layered graph layout with
 * crossing reduction places the boxes of multi-input and multi-output models.
 */
package io.keras4j.utils.plot;
