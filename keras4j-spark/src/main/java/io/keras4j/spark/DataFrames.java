package io.keras4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

import java.util.Arrays;
import java.util.List;

/**
 * A DataFrame as training data for {@link SparkModel#fit}: a features column and a label column, each an array of
 * numbers ({@code array<float>}, {@code array<double>}, ...) or a single number (a class index for
 * {@code sparse_categorical_crossentropy}, a regression target), becoming the vectors of one {@link Sample} per row.
 * Needs spark-sql on the class path (SparkModel itself needs only spark-core).
 * <pre>{@code
 * History h = new SparkModel(sc, model).fit(DataFrames.samples(df, "features", "label"), options);
 * }</pre>
 */
public final class DataFrames {
    private DataFrames() {
    }

    /** One sample per row: the features column as the model's input, the label column as its target. */
    public static JavaRDD<Sample> samples(Dataset<Row> data, String featuresCol, String labelCol) {
        check(data, featuresCol, "featuresCol");
        check(data, labelCol, "labelCol");
        return data.select(featuresCol, labelCol).javaRDD().map(row -> Sample.of(floats(row.get(0)), floats(row.get(1))));
    }

    private static void check(Dataset<Row> data, String column, String argument) {
        if (!Arrays.asList(data.columns()).contains(column)) {
            throw new IllegalArgumentException("SparkModel.fit: `" + argument + "` \"" + column + "\" is not a column of the "
                    + "DataFrame; its columns are " + Arrays.toString(data.columns()));
        }
        DataType type = data.schema().apply(column).dataType();
        boolean ok = type instanceof NumericType
                || type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType;
        if (!ok) {
            throw new IllegalArgumentException("SparkModel.fit: column \"" + column + "\" (`" + argument + "`) must hold numbers "
                    + "or arrays of numbers, got " + type.simpleString());
        }
    }

    private static float[] floats(Object value) {
        if (value instanceof Number) {
            return new float[]{((Number) value).floatValue()};
        }
        List<?> list = value instanceof List ? (List<?>) value
                : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) value);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }
}
