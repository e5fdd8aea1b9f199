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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
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

    private KerasArchive() {
    }

    /**
     * Writes the archive atomically; the weights file is built beside the target (never in {@code java.io.tmpdir}),
     * then stored in the zip.
     */
    static void save(Model model, Path file) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", KERAS_VERSION);
        metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        byte[] meta = JsonText.write(metadata).getBytes(StandardCharsets.UTF_8);
        byte[] config = JsonText.write(ModelConfig.modelEntry(model)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            Path h5 = AtomicFiles.scratch(file);
            try {
                WeightsH5.write(model, h5, true);
                try (ZipOutputStream zip = new ZipOutputStream(nonClosing(out))) {
                    stored(zip, "metadata.json", meta);
                    stored(zip, "config.json", config);
                    stored(zip, "model.weights.h5", h5);
                }
            } finally {
                Files.deleteIfExists(h5);
            }
        });
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(storedEntry(name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    /** A stored entry streamed from a file: one pass for the CRC-32 the entry header needs, one to copy. */
    private static void stored(ZipOutputStream zip, String name, Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        zip.putNextEntry(storedEntry(name, Files.size(file), crc.getValue()));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static ZipEntry storedEntry(String name, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc);
        entry.setTime(315532800000L);
        return entry;
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

    /**
     * A model (compiled, with optimizer state, if it was saved compiled) from a {@code .keras} archive whose entries
     * may expand to {@code limit} bytes.
     */
    static Model load(Path file, long limit) {
        String where = file.toString();
        try (ArchiveReader zip = ArchiveReader.open(file, "a .keras archive", limit)) {
            checkEntries(zip, where);
            String config = text(zip, "config.json");
            String metadata = zip.entry("metadata.json") == null ? null : text(zip, "metadata.json");
            String version = "";
            if (metadata != null) {
                Object meta = JsonText.parse(metadata, where + ": metadata.json");
                if (meta instanceof Map && ((Map<?, ?>) meta).get("keras_version") instanceof String) {
                    version = (String) ((Map<?, ?>) meta).get("keras_version");
                }
            }
            Origin origin = new Origin(where + ": config.json", version, "");
            Map<String, Object> json = Shape.map(JsonText.parse(config, origin.where()), origin, "config.json");
            Model model = ModelLoader.model(json, origin);
            Compiler.compile(model, json.get("compile_config"), origin.at("compile_config"));
            ZipEntry weights = zip.entry("model.weights.h5");
            if (weights == null) {
                if (!model.weights().isEmpty()) {
                    throw new KerasFormatException(where, "the archive has no model.weights.h5 entry");
                }
                return model;
            }
            String at = where + ": model.weights.h5";
            try (HdfFile h5 = H5.open(zip.read(weights, Long.MAX_VALUE), at)) {
                WeightsH5.read(model, h5, at, true);
            }
            return model;
        }
    }

    /** Rejects archives with entries that could escape an extraction directory or that Keras never writes there. */
    private static void checkEntries(ArchiveReader zip, String where) {
        List<? extends ZipEntry> entries = zip.entries();
        if (entries.size() > 10_000) {
            throw new KerasFormatException(where, "the archive has more than 10000 entries");
        }
        for (ZipEntry e : entries) {
            String name = e.getName();
            if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.equals("..") || name.startsWith("../")
                    || name.contains("/../") || name.endsWith("/..") || name.indexOf('\0') >= 0) {
                throw new KerasFormatException(where, "unsafe archive entry name '" + name + "' (absolute or escaping path)");
            }
        }
        if (zip.entry("config.json") == null) {
            throw new KerasFormatException(where, "not a .keras archive: no config.json entry (entries: "
                    + entries.stream().limit(10).map(ZipEntry::getName).toList() + ")");
        }
    }

    private static String text(ArchiveReader zip, String name) {
        return new String(zip.read(zip.entry(name), MAX_JSON_BYTES), StandardCharsets.UTF_8);
    }
}
