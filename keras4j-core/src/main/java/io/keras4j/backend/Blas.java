package io.keras4j.backend;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * The fast paths into ND4J that layers share.
 *
 * <p>Small GEMMs ({@code m * n * k} up to {@value #SMALL_GEMM}, inner dimension {@code k} up to {@value #SMALL_GEMM_K})
 * call OpenBLAS's {@code cblas_sgemm}/{@code cblas_dgemm}
 * (the BLAS ND4J links) directly on the arrays' memory when each matrix is a row-major or column-major strided view:
 * about 1 us per call instead of the ~40 us every ND4J op costs, which dominates the per-step GEMMs of recurrent
 * layers (128x64 @ 64x256: 71 us against 200-400 us through {@code Mmul}). Larger ones, other layouts and dtypes go
 * through {@code Nd4j.exec(new Mmul(...))}, whose oneDNN kernels beat OpenBLAS from ~3e7 multiply-adds on (128x784 @
 * 784x512: 0.6 ms against 1.1 ms) and on long inner dimensions (a bias gradient {@code ones(1, 86528) @ dz}: 0.4 ms
 * against 1.5 ms), and which is itself 5x faster than {@code INDArray.mmuli}. The CBLAS call reads host memory: it is
 * a {@link FastPaths} fast path, and every GEMM goes through {@code Mmul} when they are off.
 */
public final class Blas {
    private static final MMulTranspose NN = MMulTranspose.builder().transposeA(false).transposeB(false).build();
    private static final MMulTranspose TN = MMulTranspose.builder().transposeA(true).transposeB(false).build();
    private static final MMulTranspose NT = MMulTranspose.builder().transposeA(false).transposeB(true).build();
    private static final MMulTranspose TT = MMulTranspose.builder().transposeA(true).transposeB(true).build();

    /** The largest {@code m * n * k} sent straight to CBLAS (measured crossover with Mmul: between 8e6 and 3e7). */
    static final long SMALL_GEMM = 1L << 24;

    /** The longest inner dimension sent straight to CBLAS. */
    static final long SMALL_GEMM_K = 4096;

    private Blas() {
    }

    /**
     * {@code out = op(a) @ op(b) + beta * out}, where op transposes when asked. All arrays rank 2.
     *
     * @param beta 0 to overwrite {@code out} (its previous contents, even NaN, are ignored), 1 to accumulate into it
     */
    public static INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out, double beta) {
        if (!blas(a, transposeA, b, transposeB, out, beta)) {
            MMulTranspose mt = transposeA ? (transposeB ? TT : TN) : (transposeB ? NT : NN);
            Nd4j.exec(new Mmul(a, b, out, 1.0, beta, mt));
        }
        return out;
    }

    /** {@code y += alpha * x} in one native pass (arrays of equal shape, any rank). */
    public static INDArray axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.exec(new Axpy(x, y, y, alpha));
        return y;
    }

    /** The row-major view of a matrix: its leading dimension and whether it is stored transposed; null if neither. */
    private record Layout(long ld, boolean transposed) {
        static Layout of(INDArray m) {
            long rows = m.size(0);
            long cols = m.size(1);
            long s0 = m.stride(0);
            long s1 = m.stride(1);
            if ((cols == 1 || s1 == 1) && (rows == 1 || s0 >= cols)) {
                return new Layout(rows == 1 ? Math.max(cols, 1) : s0, false);
            }
            if ((rows == 1 || s0 == 1) && (cols == 1 || s1 >= rows)) {
                return new Layout(cols == 1 ? Math.max(rows, 1) : s1, true);
            }
            return null;
        }
    }

    /** The GEMM through CBLAS when the dtypes and layouts allow it; false to fall back to ND4J's Mmul. */
    private static boolean blas(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out, double beta) {
        DataType dtype = out.dataType();
        if ((dtype != DataType.FLOAT && dtype != DataType.DOUBLE) || a.dataType() != dtype || b.dataType() != dtype
                || a.rank() != 2 || b.rank() != 2 || out.rank() != 2 || !FastPaths.hostMemory(a, b, out)) {
            return false;
        }
        long m = out.size(0);
        long n = out.size(1);
        long k = transposeA ? a.size(0) : a.size(1);
        if ((transposeA ? a.size(1) : a.size(0)) != m || (transposeB ? b.size(0) : b.size(1)) != n
                || (transposeB ? b.size(1) : b.size(0)) != k || (double) m * n * k > SMALL_GEMM || k > SMALL_GEMM_K) {
            return false;
        }
        Layout la = Layout.of(a);
        Layout lb = Layout.of(b);
        Layout lc = Layout.of(out);
        if (la == null || lb == null || lc == null || lc.transposed() || Math.max(Math.max(la.ld(), lb.ld()), lc.ld()) > Integer.MAX_VALUE) {
            return false;
        }
        int ta = transposeA != la.transposed() ? CblasTrans : CblasNoTrans;
        int tb = transposeB != lb.transposed() ? CblasTrans : CblasNoTrans;
        if (dtype == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, 1f, floats(a), (int) la.ld(), floats(b), (int) lb.ld(),
                    (float) beta, floats(out), (int) lc.ld());
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, 1.0, doubles(a), (int) la.ld(), doubles(b), (int) lb.ld(),
                    beta, doubles(out), (int) lc.ld());
        }
        return true;
    }

    /** The memory of a matrix from its first element: a view's data buffer already starts at the view's offset. */
    private static FloatPointer floats(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }

    private static DoublePointer doubles(INDArray a) {
        return new DoublePointer(a.data().addressPointer());
    }
}
