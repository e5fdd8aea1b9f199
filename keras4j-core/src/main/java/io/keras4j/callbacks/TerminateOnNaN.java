package io.keras4j.callbacks;

import java.util.Map;

/**
 * Stops training when the loss becomes NaN or infinite, as keras/src/callbacks/terminate_on_nan.py
 * {@code TerminateOnNaN}: checked after every batch; prints "Batch n: Invalid loss, terminating training".
 * With this callback, {@code fit} skips the update of a batch with an invalid loss instead of raising.
 */
public class TerminateOnNaN extends Callback {
    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            model().setStopTraining(true);
        }
    }
}
