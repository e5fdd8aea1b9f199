package io.keras4j.losses;

/**
 * {@code loss = mean(max(1 - y_true * y_pred, 0)^2, axis=-1)}, as keras/src/losses/losses.py
 * {@code squared_hinge} ("squared_hinge"), with the same 0/1 to -1/1 target mapping as {@link Hinge}.
 */
public class SquaredHinge extends Hinge {
    public SquaredHinge() {
        super("squared_hinge", true);
    }
}
