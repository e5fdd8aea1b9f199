package io.keras4j.losses;

/**
 * {@code loss = mean((y_true - y_pred)^2, axis=-1)}, as keras/src/losses/losses.py {@code MeanSquaredError}
 * ("mean_squared_error", "mse").
 */
public class MeanSquaredError extends RowKernelLoss {
    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    double row(Rows x, int from, double scale) {
        int n = x.columns;
        double loss = 0;
        for (int j = from; j < from + n; j++) {
            double d = x.p[j] - x.t[j];
            loss += d * d;
            if (x.grad != null) {
                x.grad[j] = scale * 2 * d / n;
            }
        }
        return loss / n;
    }
}
