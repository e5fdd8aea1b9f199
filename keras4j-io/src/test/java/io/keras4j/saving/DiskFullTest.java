package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.keras4j.engine.InputLayer;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every writer on a full disk (an in-memory file system of 256 KiB, which fails writes beyond it as a full disk
 * does): an {@link UncheckedIOException} naming the target and keeping the file system's error as its cause, the
 * old file intact, no temporary file left.
 */
class DiskFullTest {
    private FileSystem fs;

    @BeforeEach
    void disk() {
        fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix")
                .setMaxSize(256 << 10).setBlockSize(4096).build());
    }

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.h5", "m.keras", "m.weights.h5", "a.npz", "a.npy"})
    void aFullDiskFailsTheSaveNamingTheFileAndKeepsTheOldOne(String name) throws IOException {
        Path dir = fs.getPath("/models");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        save(new Sequential(new InputLayer(4), new Dense(2)), Nd4j.rand(2, 2), file);
        byte[] good = Files.readAllBytes(file);

        Model big = new Sequential(new InputLayer(256), new Dense(512));   // 512 KiB of weights
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> save(big, Nd4j.rand(256, 512), file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": could not write"), e.getMessage());
        assertTrue(e.getMessage().contains("out of disk space"), e.getMessage());
        assertTrue(rootCause(e) instanceof IOException && rootCause(e).getMessage().contains("out of disk space"), rootCause(e).toString());
        assertArrayEquals(good, Files.readAllBytes(file), "the old file is intact");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    private static void save(Model model, org.nd4j.linalg.api.ndarray.INDArray array, Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".npz")) {
            Npz.write(file, Map.of("a", array));
        } else if (name.endsWith(".npy")) {
            Npy.write(file, array);
        } else if (name.endsWith(".weights.h5")) {
            model.saveWeights(file);
        } else {
            model.save(file);
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
