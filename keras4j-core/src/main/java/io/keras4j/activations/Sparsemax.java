package io.keras4j.activations;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sparsemax exactly as Keras computes it (keras/src/backend/numpy/nn.py and tensorflow/nn.py {@code sparsemax},
 * axis default -1): with z sorted descending and {@code C_i} its cumulative sums, the support size is
 * {@code k = #{i : z_i - (C_i - 1) / i > 0}} and {@code tau = (sum_{i <= k} C_i - 1) / k};
 * {@code sparsemax(x) = max(x - tau, 0)}. Note that Keras sums the cumulative sums over the support, so for a
 * support of more than one element its tau differs from Martins et al.'s {@code (C_k - 1) / k} and the outputs
 * need not sum to 1; keras4j reproduces Keras. Gradient: with {@code w_j = (k - j + 1) / k} for the j-th largest
 * input (j <= k, else 0), {@code dx_n = [y_n > 0] dy_n - w_n * sum_{m: y_m > 0} dy_m}.
 */
final class Sparsemax extends BaseActivation {
    private final int axis;

    Sparsemax(int axis) {
        super("sparsemax");
        this.axis = axis;
        config("axis", axis);
    }

    /** The slices along the axis as rows of a new double matrix. */
    private static double[][] rows(INDArray x, int a) {
        INDArray moved = x.swapAxes(a, x.rank() - 1).dup('c').castTo(DataType.DOUBLE);
        long n = x.size(a);
        return moved.reshape('c', moved.length() / n, n).toDoubleMatrix();
    }

    /** Writes rows (in the swapped layout) back into {@code out}. */
    private static void write(double[][] rows, INDArray out, int a) {
        INDArray target = out.swapAxes(a, out.rank() - 1);
        target.assign(Nd4j.createFromArray(rows).castTo(out.dataType()).reshape('c', target.shape()));
    }

    /** Per row: {@code w_n} (the derivative of tau) into {@code w}; returns tau. */
    private static double tau(double[] z, double[] w) {
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < z.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> z[i]).reversed());
        double cumsum = 0;
        double cumsumSum = 0;
        int k = 0;
        for (int i = 0; i < z.length; i++) {
            cumsum += z[order[i]];
            if (z[order[i]] - (cumsum - 1) / (i + 1) > 0) {
                k++;
                cumsumSum += cumsum;
            }
        }
        Arrays.fill(w, 0);
        for (int j = 0; j < k; j++) {
            w[order[j]] = (double) (k - j) / k;
        }
        return (cumsumSum - 1) / k;
    }

    @Override
    public void call(INDArray x, INDArray out) {
        int a = axis(axis, x, name());
        double[][] rows = rows(x, a);
        for (double[] z : rows) {
            double tau = tau(z, new double[z.length]);
            for (int j = 0; j < z.length; j++) {
                z[j] = Math.max(z[j] - tau, 0);
            }
        }
        write(rows, out, a);
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        int a = axis(axis, x, name());
        double[][] zs = rows(x, a);
        double[][] gs = rows(dy, a);
        for (int r = 0; r < zs.length; r++) {
            double[] w = new double[zs[r].length];
            double tau = tau(zs[r], w);
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                boolean active = zs[r][j] - tau > 0;
                gs[r][j] = active ? gs[r][j] : 0;
                sum += gs[r][j];
            }
            for (int j = 0; j < w.length; j++) {
                gs[r][j] -= w[j] * sum;
            }
        }
        write(gs, out, a);
    }
}
