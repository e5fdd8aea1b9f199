package io.keras4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DataFrame rows become samples: array and number columns, clear errors for the rest. */
class DataFramesTest {
    private static JavaSparkContext sc;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context("local[2]");
        spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> frame() {
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.IntegerType)
                .add("name", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create(List.of(1.0, 2.0, 3.0), 2, "a"), RowFactory.create(List.of(-1.0, 0.5, 0.0), 0, "b"));
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void arrayAndNumberColumnsBecomeVectors() {
        List<Sample> samples = DataFrames.samples(frame(), "features", "label").collect();
        assertEquals(2, samples.size());
        assertArrayEquals(new float[]{1, 2, 3}, samples.get(0).input(0));
        assertArrayEquals(new long[]{3}, samples.get(0).inputShape(0));
        assertArrayEquals(new float[]{2}, samples.get(0).target(0));
        assertArrayEquals(new float[]{-1, 0.5f, 0}, samples.get(1).input(0));
    }

    @Test
    void unknownOrNonNumericColumnsAreRefusedByName() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DataFrames.samples(frame(), "pixels", "label"));
        assertTrue(missing.getMessage().contains("\"pixels\" is not a column") && missing.getMessage().contains("features"),
                missing.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> DataFrames.samples(frame(), "features", "name"));
        assertTrue(text.getMessage().contains("\"name\"") && text.getMessage().contains("string"), text.getMessage());
    }
}
