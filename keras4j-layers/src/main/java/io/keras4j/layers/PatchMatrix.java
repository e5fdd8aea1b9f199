package io.keras4j.layers;

import io.keras4j.backend.FastPaths;
import io.keras4j.backend.Layouts;
import io.keras4j.engine.CallContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The patches of a channels-last float32 input with few channels as one matrix {@code (k_h * k_w * c, batch * out_h *
 * out_w)}, rows in Keras's kernel order, built in Java, optionally followed by a row of ones. The kernel and bias
 * gradients of a first convolution (whose input gradient nobody needs) are then one GEMM,
 * {@code [dw (k_h * k_w * c, f); db (1, f)] = [patches; ones] @ dz}, and in training, where the matrix is built anyway,
 * so is the output, {@code z = [patches; ones]^T @ [kernel; bias]} (0.7 ms against 1.6 ms for ND4J's conv2d on
 * mnist_convnet's first layer). For that layer the
 * matrix takes 0.3-0.5 ms here against 1.5-3.8 ms for {@link Im2col}'s strided ND4J copies (whose layout puts the
 * channels last, which a GEMM over few channels cannot use as well). Built in host memory: a {@link FastPaths} fast
 * path (when they are off, the convolution uses ND4J's conv2d and its backward).
 */
final class PatchMatrix {
    /** The most input channels worth this layout (beyond, Im2col's channel runs are long enough). */
    private static final long MAX_CHANNELS = 4;

    private PatchMatrix() {
    }

    /** Whether the patch matrix applies to a layer of this dtype, spatial rank and number of input channels, fast paths on. */
    static boolean applies(DataType dtype, int rank, long channels) {
        return dtype == DataType.FLOAT && rank <= 2 && channels <= MAX_CHANNELS && FastPaths.enabled();
    }

    /**
     * The patch matrix of the float32 {@code x} for a convolution of output lengths {@code out} (a 1D input has a
     * height of 1), with a last row of ones if {@code onesRow}.
     */
    static INDArray of(CallContext ctx, INDArray x, long[] out, Im2col.Geometry g, boolean onesRow) {
        boolean oneD = x.rank() == 3;
        int batch = (int) x.size(0);
        int channels = (int) x.size(x.rank() - 1);
        long[] in = Im2col.spatial(x.shape());
        long[] before = Im2col.padBefore(in, out, g.k(), g.s(), g.d(), g.padding());
        int h = oneD ? 1 : (int) in[0];
        int w = (int) in[in.length - 1];
        int oh = oneD ? 1 : (int) out[0];
        int ow = (int) out[out.length - 1];
        int kh = oneD ? 1 : g.k()[0];
        int kw = g.k()[g.k().length - 1];
        int sh = oneD ? 1 : g.s()[0];
        int sw = g.s()[g.s().length - 1];
        int top = oneD ? 0 : (int) before[0];
        int left = (int) before[before.length - 1];
        int positions = batch * oh * ow;
        int rows = kh * kw * channels + (onesRow ? 1 : 0);
        INDArray source = Layouts.isDenseC(x) ? x : x.dup('c');
        float[] xs = ctx.computeIfAbsent("patch_input:" + source.length(), () -> new float[(int) source.length()]);
        Layouts.floats(source).get(xs);
        float[] ps = ctx.computeIfAbsent("patch_matrix:" + rows + "x" + positions, () -> new float[rows * positions]);
        for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
                for (int c = 0; c < channels; c++) {
                    int base = ((a * kw + b) * channels + c) * positions;
                    for (int n = 0; n < batch; n++) {
                        for (int i = 0; i < oh; i++) {
                            int dst = base + (n * oh + i) * ow;
                            int ih = i * sh + a - top;
                            if (ih < 0 || ih >= h) {
                                java.util.Arrays.fill(ps, dst, dst + ow, 0f);
                                continue;
                            }
                            int row = (n * h + ih) * w;
                            if (sw == 1 && channels == 1) {
                                // a run of the input row (mnist_convnet's first layer): one copy, zeros where padded
                                int from = Math.min(ow, Math.max(0, left - b));
                                int to = Math.max(from, Math.min(ow, w + left - b));
                                java.util.Arrays.fill(ps, dst, dst + from, 0f);
                                System.arraycopy(xs, row + from + b - left, ps, dst + from, to - from);
                                java.util.Arrays.fill(ps, dst + to, dst + ow, 0f);
                                continue;
                            }
                            for (int j = 0; j < ow; j++) {
                                int iw = j * sw + b - left;
                                ps[dst + j] = iw < 0 || iw >= w ? 0f : xs[(row + iw) * channels + c];
                            }
                        }
                    }
                }
            }
        }
        if (onesRow) {
            java.util.Arrays.fill(ps, (rows - 1) * positions, rows * positions, 1f);
        }
        INDArray patches = ctx.buffer("patch_matrix", DataType.FLOAT, rows, positions);
        Layouts.floats(patches).put(ps);
        return patches;
    }
}
