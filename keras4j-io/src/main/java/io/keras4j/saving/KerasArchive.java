package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.keras4j.models.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .keras} archive, as keras/src/saving/saving_lib.py {@code save_model}/{@code load_model}: a zip
 * with stored (uncompressed) entries {@code metadata.json}, {@code config.json} (the model entry with its
 * {@code compile_config}) and {@code model.weights.h5} (see {@link WeightsH5}), in that order.
 */
final class KerasArchive {
    /** The Keras version whose formats keras4j writes. */
    static final String KERAS_VERSION = "3.16.0";
    private static final long MAX_JSON_BYTES = 64L << 20;
    private static final long MAX_WEIGHTS_BYTES = 16L << 30;

    private KerasArchive() {
    }

    static void save(Model model, Path file) {
        Path weights = null;
        try {
            weights = Files.createTempFile("keras4j-", ".weights.h5");
            Files.delete(weights);
            WeightsH5.write(model, weights, true);
            Path h5 = weights;
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("keras_version", KERAS_VERSION);
            metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
            byte[] meta = JsonText.write(metadata).getBytes(StandardCharsets.UTF_8);
            byte[] config = JsonText.write(ModelConfig.modelEntry(model)).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, out -> {
                try (ZipOutputStream zip = new ZipOutputStream(nonClosing(out))) {
                    stored(zip, "metadata.json", meta);
                    stored(zip, "config.json", config);
                    stored(zip, "model.weights.h5", Files.readAllBytes(h5));
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": could not write: " + e, e);
        } finally {
            if (weights != null) {
                try {
                    Files.deleteIfExists(weights);
                } catch (IOException ignored) {
                    // A leftover temporary file does not affect the saved model.
                }
            }
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(315532800000L);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** A model (compiled, with optimizer state, if it was saved compiled) from a {@code .keras} archive. */
    static Model load(Path file) {
        String where = file.toString();
        try (ZipFile zip = open(file)) {
            checkEntries(zip, where);
            String config = text(zip, "config.json", where);
            String metadata = zip.getEntry("metadata.json") == null ? null : text(zip, "metadata.json", where);
            String version = "";
            if (metadata != null) {
                Object meta = JsonText.parse(metadata, where + ": metadata.json");
                if (meta instanceof Map && ((Map<?, ?>) meta).get("keras_version") instanceof String) {
                    version = (String) ((Map<?, ?>) meta).get("keras_version");
                }
            }
            Origin origin = new Origin(where + ": config.json", version, "");
            Object json = JsonText.parse(config, origin.where());
            Model model = ModelLoader.model(json, origin);
            Compiler.compile(model, ((Map<?, ?>) json).get("compile_config"), origin.at("compile_config"));
            ZipEntry weights = zip.getEntry("model.weights.h5");
            if (weights == null) {
                if (!model.weights().isEmpty()) {
                    throw new KerasFormatException(where, "the archive has no model.weights.h5 entry");
                }
                return model;
            }
            Path temp = Files.createTempFile("keras4j-", ".weights.h5");
            try {
                copyBounded(zip, weights, temp, where);
                try (HdfFile h5 = H5.open(temp)) {
                    WeightsH5.read(model, h5, where + ": model.weights.h5", true);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return model;
        } catch (IOException e) {
            throw new KerasFormatException(where + ": cannot read the archive: " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasFormatException(file, "no such file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new KerasFormatException(file, "not a .keras archive (not a zip file: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new KerasFormatException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** Rejects archives with entries that could escape an extraction directory or that Keras never writes there. */
    private static void checkEntries(ZipFile zip, String where) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        int count = 0;
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String name = e.getName();
            if (++count > 10_000) {
                throw new KerasFormatException(where, "the archive has more than 10000 entries");
            }
            if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.equals("..") || name.startsWith("../")
                    || name.contains("/../") || name.endsWith("/..") || name.indexOf('\0') >= 0) {
                throw new KerasFormatException(where, "unsafe archive entry name '" + name + "' (absolute or escaping path)");
            }
        }
        if (zip.getEntry("config.json") == null) {
            throw new KerasFormatException(where, "not a .keras archive: no config.json entry (entries: "
                    + zip.stream().limit(10).map(ZipEntry::getName).toList() + ")");
        }
    }

    private static String text(ZipFile zip, String name, String where) throws IOException {
        ZipEntry e = zip.getEntry(name);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] data = in.readNBytes((int) MAX_JSON_BYTES + 1);
            if (data.length > MAX_JSON_BYTES) {
                throw new KerasFormatException(where, name + " is larger than " + MAX_JSON_BYTES + " bytes");
            }
            return new String(data, StandardCharsets.UTF_8);
        } catch (ZipException ex) {
            throw new KerasFormatException(where + ": " + name + " is corrupt: " + ex.getMessage(), ex);
        }
    }

    private static void copyBounded(ZipFile zip, ZipEntry entry, Path target, String where) throws IOException {
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_WEIGHTS_BYTES) {
                    throw new KerasFormatException(where, "model.weights.h5 is larger than " + MAX_WEIGHTS_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException ex) {
            throw new KerasFormatException(where + ": model.weights.h5 is corrupt: " + ex.getMessage(), ex);
        }
    }
}
