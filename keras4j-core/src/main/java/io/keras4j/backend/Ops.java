package io.keras4j.backend;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast paths into ND4J that layers share. {@code Nd4j.exec(new Mmul(...))} with an output array is
 * about 5x faster than {@code INDArray.mmuli} for a 128x784 @ 784x512 float product (measured: 1.2 ms vs 6 ms).
 */
public final class Ops {
    private static final MMulTranspose NN = MMulTranspose.builder().transposeA(false).transposeB(false).build();
    private static final MMulTranspose TN = MMulTranspose.builder().transposeA(true).transposeB(false).build();
    private static final MMulTranspose NT = MMulTranspose.builder().transposeA(false).transposeB(true).build();
    private static final MMulTranspose TT = MMulTranspose.builder().transposeA(true).transposeB(true).build();

    private Ops() {
    }

    /**
     * {@code out = op(a) @ op(b) + beta * out}, where op transposes when asked. All arrays rank 2.
     *
     * @param beta 0 to overwrite {@code out}, 1 to accumulate into it
     */
    public static INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out, double beta) {
        MMulTranspose mt = transposeA ? (transposeB ? TT : TN) : (transposeB ? NT : NN);
        Nd4j.exec(new Mmul(a, b, out, 1.0, beta, mt));
        return out;
    }

    /** {@code y += alpha * x} in one native pass (arrays of equal shape, any rank). */
    public static INDArray axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.exec(new Axpy(x, y, y, alpha));
        return y;
    }
}
