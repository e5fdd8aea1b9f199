package io.keras4j.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutsTest {
    @Test
    void denseCArraysIncludeAxesOfSizeOneAndRowRanges() {
        INDArray images = Nd4j.create(DataType.FLOAT, 6, 4, 4, 1);
        assertTrue(Layouts.isDenseC(images));
        assertTrue(Layouts.isDenseC(images.get(NDArrayIndex.interval(2, 5))), "a range of rows at an offset");
        assertTrue(Layouts.isDenseC(Nd4j.create(DataType.FLOAT, 3, 1, 5).permute(1, 0, 2)), "a moved axis of size 1");
        assertTrue(Layouts.isDenseC(Nd4j.scalar(1f)));
    }

    @Test
    void floatsStartAtAViewsFirstElement() {
        INDArray m = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(4, 3);
        assertEquals(0f, Layouts.floats(m).get(0));
        java.nio.FloatBuffer rows = Layouts.floats(m.get(NDArrayIndex.interval(2, 4)));
        float[] read = new float[6];
        rows.get(read);
        assertArrayEquals(new float[]{6, 7, 8, 9, 10, 11}, read);
    }

    @Test
    void stridedOrTransposedArraysAreNot() {
        INDArray m = Nd4j.create(DataType.FLOAT, 3, 4);
        assertFalse(Layouts.isDenseC(m.transpose()));
        assertFalse(Layouts.isDenseC(m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2))), "a range of columns");
        assertFalse(Layouts.isDenseC(Nd4j.create(DataType.FLOAT, new long[]{3, 4}, 'f')));
        assertFalse(Layouts.isDenseC(Nd4j.create(DataType.FLOAT, 2, 3, 4).permute(0, 2, 1)));
    }
}
