/** A user's own recurrent cell, written against the public API only, and its tests. */
package io.keras4j.layers.custom;
