package io.keras4j.saving;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Array;

/** ND4J arrays as the nested Java arrays (or boxed scalars) jhdf writes as datasets of the same dtype and shape. */
final class JavaArrays {
    private JavaArrays() {
    }

    /** float32, float64, int32, int64 and bool arrays in C order; other float types are written as float32. */
    static Object of(INDArray a) {
        INDArray c = a.dup('c');
        DataType t = c.dataType();
        if (c.rank() == 0) {
            switch (t) {
                case DOUBLE: return c.getDouble(0);
                case INT: return c.getInt(0);
                case LONG: return c.getLong(0);
                default: return c.getFloat(0);
            }
        }
        Object flat;
        Class<?> type;
        switch (t) {
            case DOUBLE: flat = c.data().asDouble(); type = double.class; break;
            case INT: flat = c.data().asInt(); type = int.class; break;
            case LONG: flat = c.data().asLong(); type = long.class; break;
            case BOOL: flat = c.toIntVector(); type = int.class; break;
            default: flat = c.castTo(DataType.FLOAT).data().asFloat(); type = float.class;
        }
        long[] shape = c.shape();
        if (shape.length == 1) {
            return flat;
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        Object out = Array.newInstance(type, dims);
        fill(out, flat, 0, dims, 0);
        return out;
    }

    private static int fill(Object target, Object flat, int offset, int[] dims, int axis) {
        if (axis == dims.length - 1) {
            System.arraycopy(flat, offset, target, 0, dims[axis]);
            return offset + dims[axis];
        }
        for (int i = 0; i < dims[axis]; i++) {
            offset = fill(Array.get(target, i), flat, offset, dims, axis + 1);
        }
        return offset;
    }
}
