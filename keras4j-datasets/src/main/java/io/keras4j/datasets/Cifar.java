package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.saving.KerasFormatException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CIFAR batches shared by {@link Cifar10} and {@link Cifar100}, as keras/src/datasets/cifar.py
 * {@code load_batch}: pickled dicts holding {@code data} (uint8, one 3x32x32 image per row) and a label list,
 * read from the extracted folder {@code <base>/} or straight from Keras's {@code .tar.gz}.
 */
final class Cifar {
    private Cifar() {
    }

    /**
     * Reads the given batch files of folder {@code base} (e.g. "cifar-10-batches-py") from {@code dir/base/},
     * {@code dir/} itself, or {@code dir/<archive>}; empty if none holds them.
     */
    static Optional<Map<String, Map<Object, Object>>> readBatches(Path dir, String base, String archive, List<String> names) {
        for (Path folder : new Path[]{dir.resolve(base), dir}) {
            if (names.stream().allMatch(n -> Files.isRegularFile(folder.resolve(n)))) {
                Map<String, Map<Object, Object>> out = new HashMap<>();
                for (String n : names) {
                    Path file = folder.resolve(n);
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                        out.put(n, dict(Pickle.load(in, file.toString()), file.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(file + ": could not read: " + e, e);
                    }
                }
                return Optional.of(out);
            }
        }
        Path tar = dir.resolve(archive);
        return Files.isRegularFile(tar) ? Optional.of(fromTarGz(tar, base, names)) : Optional.empty();
    }

    /** The wanted members {@code base/name} of a gzipped tar archive, read in one streaming pass. */
    private static Map<String, Map<Object, Object>> fromTarGz(Path tar, String base, List<String> names) {
        Map<String, Map<Object, Object>> out = new HashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tar), 1 << 16), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String full = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                String member = full.startsWith("./") ? full.substring(2) : full;
                String wanted = member.startsWith(base + "/") ? member.substring(base.length() + 1) : null;
                if (wanted != null && names.contains(wanted) && header[156] != '5') {
                    byte[] body = in.readNBytes((int) size);
                    if (body.length < size) {
                        throw new KerasFormatException(tar, "truncated member " + member);
                    }
                    String source = tar + " [" + member + "]";
                    out.put(wanted, dict(Pickle.load(new ByteArrayInputStream(body), source), source));
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new KerasFormatException(tar, "truncated or corrupt .tar.gz: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new KerasFormatException(tar, "not a tar archive: bad member size", e);
        } catch (IOException e) {
            throw new UncheckedIOException(tar + ": could not read: " + e, e);
        }
        for (String n : names) {
            if (!out.containsKey(n)) {
                throw new KerasFormatException(tar, "missing member " + base + "/" + n + "; the archive has " + out.keySet());
            }
        }
        return out;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object pickled, String source) {
        if (!(pickled instanceof Map<?, ?>)) {
            throw new KerasFormatException(source, "expected a pickled dict, got " + pickled);
        }
        return (Map<Object, Object>) pickled;
    }

    /** {@code data.reshape(n, 3, 32, 32).transpose(0, 2, 3, 1)}: uint8 (n, 32, 32, 3), channels last. */
    static INDArray images(Map<Object, Object> batch, String source) {
        if (!(batch.get("data") instanceof Pickle.NdArray data) || !"|u1".equals(data.dtype()) || data.shape().length != 2
                || data.shape()[1] != 3 * 32 * 32 || !(data.data() instanceof byte[] bytes) || data.fortran()) {
            throw new KerasFormatException(source, "expected 'data' to be a uint8 array of shape (n, 3072); found keys "
                    + batch.keySet());
        }
        int n = (int) data.shape()[0];
        if (bytes.length != n * 3072) {
            throw new KerasFormatException(source, "'data' holds " + bytes.length + " bytes, not " + n + " x 3072");
        }
        byte[] hwc = new byte[bytes.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    hwc[i * 3072 + p * 3 + c] = bytes[i * 3072 + c * 1024 + p];
                }
            }
        }
        return Idx.uint8(hwc, n, 32, 32, 3);
    }

    /** The label list under {@code key} as uint8 (n, 1). */
    static INDArray labels(Map<Object, Object> batch, String key, long n, String source) {
        if (!(batch.get(key) instanceof List<?> list) || list.size() != n) {
            throw new KerasFormatException(source, "expected a list '" + key + "' of " + n + " labels; found keys " + batch.keySet());
        }
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0 || v > 255) {
                throw new KerasFormatException(source, "label " + i + " of '" + key + "' is not a small int: " + list.get(i));
            }
            out[i] = (byte) (long) v;
        }
        return Idx.uint8(out, out.length, 1);
    }

    /** Stacks uint8 arrays along the first axis. */
    static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new)).castTo(DataType.UBYTE);
    }

    /** Keras's cache folders for CIFAR: Keras 3 extracts into {@code <base>-target/}, Keras 2 into the cache itself. */
    static List<Path> kerasDirs(DatasetFiles files, String base) {
        Path cache = files.home().resolve(".keras").resolve("datasets");
        return List.of(cache.resolve(base + "-target"), cache);
    }

    static Remote remote(String archive, String sha256) {
        return Remote.of("https://www.cs.toronto.edu/~kriz/", archive, sha256);
    }

    static String describe(String base, String archive, List<String> names) {
        return base + "/{" + String.join(", ", names) + "} or " + archive;
    }
}
