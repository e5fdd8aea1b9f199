package io.keras4j.backend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Blas.matmul against a plain triple loop, for every transpose flag, beta, dtype and the layouts layers pass:
 * contiguous, rows of a larger array (offset views), column blocks (row stride larger than the width),
 * transposed views and f-order arrays; an output view leaves the rest of its buffer alone.
 */
class BlasTest {
    private static INDArray layout(INDArray m, String kind) {
        long r = m.size(0);
        long c = m.size(1);
        switch (kind) {
            case "contiguous":
                return m.dup('c');
            case "row":
                INDArray seq = Nd4j.rand(m.dataType(), 3, r, c);
                INDArray row = seq.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all());
                return row.assign(m);
            case "columns":
                INDArray wide = Nd4j.rand(m.dataType(), r, c + 5);
                INDArray block = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + c));
                return block.assign(m);
            case "transposed":
                return m.transpose().dup('c').transpose();
            case "f":
                return m.dup('f');
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    private static double[][] expected(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out, double beta) {
        INDArray x = ta ? a.transpose() : a;
        INDArray y = tb ? b.transpose() : b;
        double[][] e = new double[(int) out.size(0)][(int) out.size(1)];
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e[0].length; j++) {
                double sum = beta * out.getDouble(i, j);
                for (int k = 0; k < x.size(1); k++) {
                    sum += x.getDouble(i, k) * y.getDouble(k, j);
                }
                e[i][j] = sum;
            }
        }
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "FLOAT,false,false,0,contiguous,contiguous,contiguous", "FLOAT,true,false,0,contiguous,contiguous,contiguous",
        "FLOAT,false,true,1,contiguous,contiguous,contiguous", "FLOAT,true,true,1,contiguous,contiguous,contiguous",
        "FLOAT,false,false,1,row,columns,row", "FLOAT,true,false,0,columns,row,columns",
        "FLOAT,false,true,0,transposed,f,row", "FLOAT,true,true,1,f,transposed,columns",
        "DOUBLE,false,false,1,row,row,row", "DOUBLE,true,true,0,columns,transposed,contiguous",
        "FLOAT,false,false,0,f,f,f"})
    void matchesTheDefinition(DataType dtype, boolean ta, boolean tb, double beta, String la, String lb, String lc) {
        long m = 4;
        long n = 3;
        long k = 5;
        INDArray a = layout(Nd4j.rand(dtype, ta ? k : m, ta ? m : k).subi(0.5), la);
        INDArray b = layout(Nd4j.rand(dtype, tb ? n : k, tb ? k : n).subi(0.5), lb);
        INDArray out = layout(Nd4j.rand(dtype, m, n), lc);
        double[][] e = expected(a, ta, b, tb, out, beta);
        if (beta == 0) {
            out.assign(Double.NaN);
        }
        Blas.matmul(a, ta, b, tb, out, beta);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(e[i][j], out.getDouble(i, j), dtype == DataType.FLOAT ? 1e-5 : 1e-12, "(" + i + "," + j + ")");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void outputViewLeavesTheRestOfItsBufferAlone() {
        INDArray seq = Nd4j.rand(DataType.FLOAT, 3, 4, 6);
        INDArray copy = seq.dup();
        INDArray out = seq.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        Blas.matmul(Nd4j.rand(DataType.FLOAT, 4, 2), false, Nd4j.rand(DataType.FLOAT, 2, 3), false, out, 0.0);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 6; j++) {
                    if (t != 1 || j < 1 || j >= 4) {
                        assertEquals(copy.getFloat(t, i, j), seq.getFloat(t, i, j), 0f, "(" + t + "," + i + "," + j + ")");
                    }
                }
            }
        }
    }
}
