package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.InputLayer;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Zip archives (.keras, .npz): CRC-32 verified, expansion capped, nothing written to the temporary directory. */
class ArchiveReaderTest {
    @TempDir
    Path dir;

    /** Flips one byte inside the stored data of {@code entry}: the zip structure stays valid, only the CRC disagrees. */
    private Path flipInside(Path source, String entry, byte[] marker, int after) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        int at = indexOf(bytes, marker) + after;
        assertTrue(at > after, "marker of " + entry + " found");
        bytes[at] ^= 0x10;
        Path out = dir.resolve("flipped-" + source.getFileName());
        Files.write(out, bytes);
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertRefused(Path file, String fragment, org.junit.jupiter.api.function.Executable load) {
        KerasFormatException e = assertThrows(KerasFormatException.class, load);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void aKerasArchiveWithABadCrcIsRefused() throws IOException {
        Path file = dir.resolve("m.keras");
        new Sequential(new InputLayer(3), new Dense(2)).save(file);
        Path flipped = flipInside(file, "model.weights.h5", new byte[]{(byte) 0x89, 'H', 'D', 'F'}, 100);
        assertRefused(flipped, "entry 'model.weights.h5' is corrupt: bad CRC-32", () -> Models.loadModel(flipped));
    }

    @Test
    void aKerasWrittenArchiveWithABadCrcIsRefused() throws IOException {
        Path k3 = SharedData.file("keras/k3/mlp_mnist_small.keras");
        Path flipped = flipInside(k3, "config.json", "\"units\"".getBytes(StandardCharsets.US_ASCII), 9);
        assertRefused(flipped, "entry 'config.json' is corrupt: bad CRC-32", () -> Models.loadModel(flipped));
    }

    @Test
    void anNpzWithABadCrcIsRefused() throws IOException {
        Path file = dir.resolve("a.npz");
        Npz.write(file, Map.of("a", Nd4j.linspace(DataType.FLOAT, 1, 64, 1)));
        Path flipped = flipInside(file, "a.npy", "'shape': (64,)".getBytes(StandardCharsets.US_ASCII), 120);
        assertRefused(flipped, "entry 'a.npy' is corrupt: bad CRC-32", () -> Npz.read(flipped));
    }

    @Test
    void aCorruptDeflateStreamIsAKerasFormatException() throws IOException {
        Path file = dir.resolve("c.npz");
        Npz.writeCompressed(file, Map.of("a", Nd4j.rand(DataType.FLOAT, 64, 64)));
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 100; i < 400; i++) {
            bytes[i] = (byte) 0xff;
        }
        Path broken = dir.resolve("broken.npz");
        Files.write(broken, bytes);
        assertRefused(broken, "entry 'a.npy'", () -> Npz.read(broken));
    }

    /** 64 MiB of zeros deflate to 64 KiB: with a 16 MiB cap the archive is refused before anything is inflated. */
    @Test
    void anArchiveExpandingBeyondTheCapIsRefusedNamingEntryAndLimit() throws IOException {
        Path bomb = dir.resolve("bomb.keras");
        Path model = dir.resolve("m.keras");
        new Sequential(new InputLayer(3), new Dense(2)).save(model);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        try (OutputStream out = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                if (e.getKey().equals("model.weights.h5")) {
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < 64; i++) {
                        zip.write(zeros);
                    }
                }
                zip.closeEntry();
            }
        }
        assertTrue(Files.size(bomb) < 1 << 20);
        String old = System.setProperty(ArchiveReader.MAX_BYTES_PROPERTY, "16m");
        try {
            assertRefused(bomb, "entry 'model.weights.h5' expands to 67109", () -> Models.loadModel(bomb));
            KerasFormatException e = assertThrows(KerasFormatException.class, () -> Models.loadModel(bomb));
            assertTrue(e.getMessage().contains("beyond the limit of 16777216 bytes") && e.getMessage().contains("keras4j.maxArchiveBytes"),
                    e.getMessage());
        } finally {
            restore(old);
        }
    }

    @Test
    void theCapIsReadFromTheSystemProperty() {
        String old = System.getProperty(ArchiveReader.MAX_BYTES_PROPERTY);
        try {
            System.clearProperty(ArchiveReader.MAX_BYTES_PROPERTY);
            assertEquals(2L << 30, ArchiveReader.maxBytes());
            for (Object[] c : new Object[][]{{"512m", 512L << 20}, {"4g", 4L << 30}, {"100K", 100L << 10}, {" 12345 ", 12345L}}) {
                System.setProperty(ArchiveReader.MAX_BYTES_PROPERTY, (String) c[0]);
                assertEquals(c[1], ArchiveReader.maxBytes(), (String) c[0]);
            }
            for (String bad : List.of("-1", "0", "lots", "9999999999g")) {
                System.setProperty(ArchiveReader.MAX_BYTES_PROPERTY, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ArchiveReader::maxBytes);
                assertTrue(e.getMessage().contains("keras4j.maxArchiveBytes") && e.getMessage().contains(bad), e.getMessage());
                // a bad setting is reported as such, not as a corrupt file
                assertThrows(IllegalArgumentException.class, () -> Npz.read(dir.resolve("a.npz")));
                assertThrows(IllegalArgumentException.class, () -> Models.loadModel(dir.resolve("m.keras")));
            }
        } finally {
            restore(old);
        }
    }

    /** A 1 MiB .npz entry whose header declares 16 GiB: refused from the declared sizes, nothing allocated. */
    @Test
    void anNpzHeaderDeclaringMoreThanItsEntryIsRefusedBeforeAllocating() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }";
        ByteBuffer header = ByteBuffer.allocate(10 + 118).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) 118);
        header.put((dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve("bomb.npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(header.array());
            zip.write(new byte[1 << 20]);
            zip.closeEntry();
        }
        assertRefused(file, "needs 17179869184 data bytes, only 1048576 follow the header", () -> Npz.read(file));
    }

    /** Loading writes nothing: a JVM whose java.io.tmpdir does not exist loads a .keras file. */
    @Test
    void loadingNeedsNoTemporaryDirectory() throws Exception {
        Path file = dir.resolve("m.keras");
        Model model = new Sequential(new InputLayer(3), new Dense(2));
        model.save(file);
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir.resolve("no-such-dir"), "-cp", System.getProperty("java.class.path"),
                LoadMain.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the loading JVM finished");
        String printed = Files.readString(out);
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("loaded 2 weights"), printed);
    }

    /** Loads the .keras file given as argument and prints its weight count. */
    public static final class LoadMain {
        public static void main(String[] args) {
            System.out.println("loaded " + Models.loadModel(Path.of(args[0])).weights().size() + " weights");
        }
    }

    private static void restore(String old) {
        if (old == null) {
            System.clearProperty(ArchiveReader.MAX_BYTES_PROPERTY);
        } else {
            System.setProperty(ArchiveReader.MAX_BYTES_PROPERTY, old);
        }
    }
}
