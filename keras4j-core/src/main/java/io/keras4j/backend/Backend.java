package io.keras4j.backend;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Global numeric settings, as {@code keras.backend}: the default float type ({@code floatx}) and the
 * fuzz factor {@code epsilon} used by losses and metrics.
 */
public final class Backend {
    private static volatile DataType floatx = DataType.FLOAT;
    private static volatile double epsilon = 1e-7;

    private Backend() {
    }

    /** The default float type of new layers and weights, as {@code keras.config.floatx()}: "float32" by default. */
    public static String floatx() {
        return floatx == DataType.DOUBLE ? "float64" : floatx == DataType.HALF ? "float16" : "float32";
    }

    /** The default float type as an ND4J {@link DataType}. */
    public static DataType floatxType() {
        return floatx;
    }

    /** Sets the default float type, as {@code keras.config.set_floatx}: "float16", "float32" or "float64". */
    public static void setFloatx(String value) {
        floatx = parseDtype(value, "floatx");
    }

    /** The fuzz factor, as {@code keras.config.epsilon()}: 1e-7 by default. */
    public static double epsilon() {
        return epsilon;
    }

    /** Sets the fuzz factor, as {@code keras.config.set_epsilon}. */
    public static void setEpsilon(double value) {
        epsilon = value;
    }

    /** Maps a Keras dtype name ("float32", "float64", "int32", ...) to ND4J's {@link DataType}. */
    public static DataType parseDtype(String value, String argument) {
        switch (value) {
            case "float16": return DataType.HALF;
            case "bfloat16": return DataType.BFLOAT16;
            case "float32": return DataType.FLOAT;
            case "float64": return DataType.DOUBLE;
            case "int8": return DataType.INT8;
            case "int16": return DataType.INT16;
            case "int32": return DataType.INT32;
            case "int64": return DataType.INT64;
            case "uint8": return DataType.UINT8;
            case "bool": return DataType.BOOL;
            default:
                throw new IllegalArgumentException("Unknown " + argument + " '" + value + "'; expected one of "
                        + "float16, bfloat16, float32, float64, int8, int16, int32, int64, uint8, bool");
        }
    }

    /** The Keras dtype name of an ND4J {@link DataType} ("float32" for FLOAT, ...). */
    public static String dtypeName(DataType type) {
        switch (type) {
            case HALF: return "float16";
            case BFLOAT16: return "bfloat16";
            case FLOAT: return "float32";
            case DOUBLE: return "float64";
            case BYTE: return "int8";
            case SHORT: return "int16";
            case INT: return "int32";
            case LONG: return "int64";
            case UBYTE: return "uint8";
            case BOOL: return "bool";
            default: return type.name().toLowerCase();
        }
    }
}
