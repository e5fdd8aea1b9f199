/**
 * Runnable examples of keras4j; each class documents how to run it.
 */
package io.keras4j.samples;
