package io.keras4j.datasets;

import io.keras4j.saving.KerasFormatException;
import io.keras4j.saving.Npy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An {@code .npz} whose arrays may have dtype object, as keras/src/datasets/npz_utils.py {@code load_npz}:
 * numeric arrays become INDArrays (read by keras4j-io's {@link Npy}), 1-D object arrays of integer lists
 * (IMDB's and Reuters's sequences) become {@code List<int[]>}, read with the restricted {@link Pickle}.
 */
final class ObjectNpz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private ObjectNpz() {
    }

    static Map<String, Object> read(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                String source = file + " [" + name + "]";
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    out.put(name.replaceFirst("\\.npy$", ""), isObjectArray(bytes, source)
                            ? sequences(Pickle.load(new ByteArrayInputStream(bytes, dataOffset(bytes), bytes.length), source), source)
                            : Npy.read(new ByteArrayInputStream(bytes), source));
                }
            }
        } catch (ZipException e) {
            throw new KerasFormatException(file, "not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not read: " + e, e);
        }
        return out;
    }

    private static int headerLength(byte[] b, String source) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.length < 12 || b[i] != MAGIC[i]) {
                throw new KerasFormatException(source, "not a .npy array (bad magic)");
            }
        }
        return b[6] == 1 ? (b[8] & 0xff) | (b[9] & 0xff) << 8
                : (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | (b[11] & 0xff) << 24;
    }

    private static int dataOffset(byte[] b) {
        return (b[6] == 1 ? 10 : 12) + headerLength(b, "");
    }

    private static boolean isObjectArray(byte[] b, String source) {
        int start = b[6] == 1 ? 10 : 12;
        String header = new String(b, start, Math.min(headerLength(b, source), b.length - start), StandardCharsets.ISO_8859_1);
        return header.replace(" ", "").contains("'descr':'|O'");
    }

    /** A 1-D object array of lists of ints as a list of int arrays. */
    private static List<int[]> sequences(Object pickled, String source) {
        if (!(pickled instanceof Pickle.NdArray array) || !(array.data() instanceof List<?> items) || array.shape().length != 1) {
            throw new KerasFormatException(source, "expected a 1-D object array of integer lists");
        }
        List<int[]> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof List<?> list)) {
                throw new KerasFormatException(source, "expected a list of ints, got " + (item == null ? "None" : item.getClass().getSimpleName()));
            }
            int[] seq = new int[list.size()];
            for (int i = 0; i < seq.length; i++) {
                if (!(list.get(i) instanceof Long v) || v != v.intValue()) {
                    throw new KerasFormatException(source, "expected int values, got " + list.get(i));
                }
                seq[i] = ((Long) list.get(i)).intValue();
            }
            out.add(seq);
        }
        return out;
    }
}
