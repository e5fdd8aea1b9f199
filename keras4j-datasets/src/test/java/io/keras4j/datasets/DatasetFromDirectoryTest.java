package io.keras4j.datasets;

import io.keras4j.utils.PyDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetFromDirectoryTest {
    @TempDir
    Path dir;

    private void png(String name, int[][] rgb) throws IOException {
        BufferedImage image = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                image.setRGB(x, y, rgb[y][x]);
            }
        }
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        ImageIO.write(image, "png", p.toFile());
    }

    /** Seven files: cats/c0..c2, dogs/d0..d3 (a subfolder counts too), plus files Keras ignores. */
    private void sevenTextFiles() throws IOException {
        for (String name : List.of("cats/c0.txt", "cats/c1.txt", "cats/c2.txt", "dogs/d0.txt", "dogs/d1.txt", "dogs/sub/d2.txt", "dogs/sub/d3.txt")) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, name);
        }
        Files.writeString(dir.resolve("cats/notes.md"), "ignored");
        Files.createDirectories(dir.resolve(".hidden"));
    }

    @Test
    void textFilesAreSortedLabelledAndBatchedAsKeras() throws IOException {
        sevenTextFiles();
        DirectoryDataset ds = TextDatasetFromDirectory.of(dir).shuffle(false).batchSize(4).load();
        assertEquals(List.of("cats", "dogs"), ds.classNames());
        assertEquals(2, ds.length());
        PyDataset.Batch first = ds.get(0);
        assertEquals("cats/c0.txt", first.x()[0].getString(0));
        assertEquals("dogs/d0.txt", first.x()[0].getString(3));
        assertArrayEquals(new int[]{0, 0, 0, 1}, first.y()[0].toIntVector());
        assertEquals(DataType.INT, first.y()[0].dataType());
        assertEquals("dogs/sub/d3.txt", ds.get(1).x()[0].getString(2));
    }

    @Test
    void shuffleUsesNumpyRandomStateAndValidationTakesTheLastFraction() throws IOException {
        sevenTextFiles();
        // np.random.RandomState(42).shuffle(list(range(7))) == [0, 1, 5, 2, 4, 3, 6]; int(0.3 * 7) == 2 validation files
        List<DirectoryDataset> both = TextDatasetFromDirectory.of(dir).seed(42).validationSplit(0.3).subset("both")
                .labelMode("categorical").batchSize(10).loadBoth();
        PyDataset.Batch train = both.get(0).get(0);
        PyDataset.Batch val = both.get(1).get(0);
        assertEquals(5, train.x()[0].length());
        assertEquals(List.of("cats/c0.txt", "cats/c1.txt", "dogs/sub/d2.txt", "cats/c2.txt", "dogs/d1.txt"),
                List.of(train.x()[0].getString(0), train.x()[0].getString(1), train.x()[0].getString(2), train.x()[0].getString(3),
                        train.x()[0].getString(4)));
        assertEquals("dogs/d0.txt", val.x()[0].getString(0));
        assertEquals("dogs/sub/d3.txt", val.x()[0].getString(1));
        assertArrayEquals(new float[]{0, 1, 0, 1}, val.y()[0].reshape(-1).toFloatVector());
        DirectoryDataset training = TextDatasetFromDirectory.of(dir).seed(42).validationSplit(0.3).subset("training").load();
        assertEquals(both.get(0).filePaths(), training.filePaths());
    }

    @Test
    void imagesAreFloat32ZeroTo255AndResizedBilinearAsTensorFlow() throws IOException {
        png("a/x.png", new int[][]{{0x000000, 0xffffff}});
        png("b/y.png", new int[][]{{0x102030, 0x102030}, {0x102030, 0x102030}});
        DirectoryDataset ds = ImageDatasetFromDirectory.of(dir).imageSize(1, 4).shuffle(false).labelMode("binary").load();
        PyDataset.Batch batch = ds.get(0);
        INDArray x = batch.x()[0];
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[]{2, 1, 4, 3}, x.shape());
        // tf.image.resize bilinear of [0, 255] to width 4 samples at -0.25, 0.25, 0.75, 1.25
        assertArrayEquals(new float[]{0, 63.75f, 191.25f, 255}, x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).toFloatVector(), 1e-4f);
        assertArrayEquals(new float[]{16, 32, 48}, x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(2),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatVector(), 1e-4f);
        assertArrayEquals(new long[]{2, 1}, batch.y()[0].shape());
        assertArrayEquals(new float[]{0, 1}, batch.y()[0].reshape(-1).toFloatVector());
    }

    @Test
    void cropToAspectRatioTakesTheCentredWindowAndGrayscaleHasOneChannel() throws IOException {
        png("only/wide.png", new int[][]{{0x000000, 0x404040, 0x808080, 0xffffff}});
        DirectoryDataset ds = ImageDatasetFromDirectory.of(dir).imageSize(1, 1).colorMode("grayscale").cropToAspectRatio(true)
                .interpolation("nearest").labelMode(null).load();
        INDArray x = ds.get(0).x()[0];
        assertArrayEquals(new long[]{1, 1, 1, 1}, x.shape());
        // smart_resize: crop width int(1 * 1 / 1) = 1 starting at int((4 - 1) / 2) = 1
        assertEquals(64f, x.getFloat(0), 1e-4f);
        assertEquals(null, ds.get(0).y());
    }

    @Test
    void badArgumentsAreNamedAsKeras() throws IOException {
        sevenTextFiles();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextDatasetFromDirectory.of(dir).validationSplit(0.2)
                .subset("training").load()).getMessage().contains("seed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextDatasetFromDirectory.of(dir).validationSplit(0.2).load())
                .getMessage().contains("`subset`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextDatasetFromDirectory.of(dir).classNames("cats", "birds")
                .load()).getMessage().contains("class_names"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageDatasetFromDirectory.of(dir).colorMode("cmyk").load())
                .getMessage().contains("color_mode"));
        assertThrows(IllegalArgumentException.class, () -> ImageDatasetFromDirectory.of(dir).load());
    }

    @Test
    void classNamesChooseAndOrderTheClasses() throws IOException {
        sevenTextFiles();
        DirectoryDataset ds = TextDatasetFromDirectory.of(dir).classNames("dogs", "cats").shuffle(false).batchSize(7).load();
        assertEquals(List.of("dogs", "cats"), ds.classNames());
        assertEquals("dogs/d0.txt", ds.get(0).x()[0].getString(0));
        assertArrayEquals(new int[]{0, 0, 0, 0, 1, 1, 1}, ds.get(0).y()[0].toIntVector());
    }
}
