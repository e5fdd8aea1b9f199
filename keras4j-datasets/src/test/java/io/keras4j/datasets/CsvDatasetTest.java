package io.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.saving.KerasFormatException;
import io.keras4j.utils.PyDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CsvDatasetTest {
    private static final String IRIS_LIKE = "a,b,species\n1,10,0\n2,20,1\n3,30,2\n\n4,40,1\r\n5,50,0\n";

    @TempDir
    Path tmp;

    private Path write(String content) throws IOException {
        Path file = tmp.resolve("data.csv");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void loadsFeaturesAndOneHotLabelsSkippingHeaderAndBlankLines() throws IOException {
        FeaturesLabels data = new CsvDataset(write(IRIS_LIKE), -1).skipNumLines(1).numClasses(3).load();
        assertArrayEquals(new long[]{5, 2}, data.features().shape());
        assertArrayEquals(new float[]{4, 40}, data.features().getRow(3).toFloatVector(), 0f);
        assertArrayEquals(new long[]{5, 3}, data.labels().shape());
        assertArrayEquals(new float[]{0, 0, 1}, data.labels().getRow(2).toFloatVector(), 0f);
    }

    @Test
    void labelColumnMayBeFirstAndLabelsStayNumeric() throws IOException {
        FeaturesLabels data = new CsvDataset(write("0.5;1;2\n1.5;3;4\n"), 0).delimiter(';').load();
        assertArrayEquals(new float[]{0.5f, 1.5f}, data.labels().reshape(2).toFloatVector(), 0f);
        assertArrayEquals(new float[]{3, 4}, data.features().getRow(1).toFloatVector(), 0f);
    }

    @Test
    void normalizeStandardizesWithPopulationStatistics() throws IOException {
        FeaturesLabels data = new CsvDataset(write(IRIS_LIKE), -1).skipNumLines(1).normalize(true).load();
        // column a = 1..5: mean 3, population variance 2
        double sd = Math.sqrt(2);
        assertArrayEquals(new float[]{(float) (-2 / sd), (float) (-1 / sd), 0, (float) (1 / sd), (float) (2 / sd)},
                data.features().getColumn(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[]{(float) (-2 / sd), (float) (-1 / sd), 0, (float) (1 / sd), (float) (2 / sd)},
                data.features().getColumn(1).toFloatVector(), 1e-6f);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "2, 3", "5, 2", "7, 1"})
    void streamedBatchesEqualTheLoadedArrays(int batchSize, int workers) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
        for (int i = 0; i < 23; i++) {
            csv.append(i * 0.5).append(',').append(i * i).append(',').append(-i).append(',').append(i % 4).append('\n');
        }
        CsvDataset source = new CsvDataset(write(csv.toString()), 3).skipNumLines(1).numClasses(4).normalize(true);
        FeaturesLabels all = source.load();
        PyDataset stream = source.stream(batchSize, workers, 4);
        assertEquals((23 + batchSize - 1) / batchSize, stream.length());
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> ys = new ArrayList<>();
        for (int i = 0; i < stream.length(); i++) {
            xs.add(stream.get(i).x()[0]);
            ys.add(stream.get(i).y()[0]);
        }
        assertEquals(all.features(), Nd4j.concat(0, xs.toArray(INDArray[]::new)));
        assertEquals(all.labels(), Nd4j.concat(0, ys.toArray(INDArray[]::new)));
    }

    @Test
    void malformedValueNamesFileLineAndColumn() throws IOException {
        Path file = write("a,b,label\n1,2,0\n3,abc,1\n");
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> new CsvDataset(file, -1).skipNumLines(1).load());
        assertEquals(file + ": line 3, column 2: 'abc' is not a number", e.getMessage());
        e = assertThrows(KerasFormatException.class, () -> new CsvDataset(file, -1).skipNumLines(1).stream(1));
        assertEquals(file + ": line 3, column 2: 'abc' is not a number", e.getMessage());
    }

    @Test
    void raggedRowAndBadLabelAreNamed() throws IOException {
        Path ragged = write("1,2,0\n3,4\n");
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> new CsvDataset(ragged, -1).load());
        assertEquals(ragged + ": line 2: expected 3 columns like the first record, got 2", e.getMessage());
        Path badLabel = write("1,2,0\n3,4,7\n");
        e = assertThrows(KerasFormatException.class, () -> new CsvDataset(badLabel, -1).numClasses(3).load());
        assertEquals(badLabel + ": line 2, column 3: label 7.0 is not a class index in [0, 3)", e.getMessage());
    }

    @Test
    void dataVecTransformTurnsCategoriesIntoNumbers() throws IOException {
        Path file = write("5.1,setosa\n6.3,virginica\n5.9,versicolor\n");
        Schema schema = new Schema.Builder().addColumnDouble("length")
                .addColumnCategorical("species", "setosa", "versicolor", "virginica").build();
        TransformProcess tp = new TransformProcess.Builder(schema).categoricalToInteger("species").build();
        FeaturesLabels data = new CsvDataset(file, -1).transform(tp).numClasses(3).load();
        assertArrayEquals(new float[]{5.1f, 6.3f, 5.9f}, data.features().reshape(3).toFloatVector(), 0f);
        assertArrayEquals(new float[]{0, 0, 1}, data.labels().getRow(1).toFloatVector(), 0f);
        Path bad = write("5.1,setosa\n6.3,tulip\n");
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> new CsvDataset(bad, -1).transform(tp).load());
        assertEquals(true, e.getMessage().startsWith(bad + ": line 2: "), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("header\n");
        assertThrows(KerasFormatException.class, () -> new CsvDataset(file, -1).skipNumLines(1).load());
    }
}
