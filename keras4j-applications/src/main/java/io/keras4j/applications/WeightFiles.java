package io.keras4j.applications;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds a pretrained file (weights, the ImageNet class index) on disk, or downloads it, as keras/src/utils/file_utils.py
 * {@code get_file(fname, origin, cache_subdir="models", file_hash=...)}.
 *
 * <p>Folders searched for the file, by Keras's file name: the folder given ({@code weightsDir}), {@code $KERAS4J_MODELS}
 * (or the system property {@code keras4j.models}), {@code ~/.keras4j/models}, Keras's own cache {@code ~/.keras/models}.
 * A file whose hash differs from Keras's (MD5 when the hash has 32 hex digits, else SHA-256) is passed over, as Keras
 * re-downloads such a file. Otherwise the file is downloaded from Keras's URL into {@code ~/.keras4j/models}: to a
 * temporary file beside it, moved into place only once its hash matches.
 */
public final class WeightFiles {
    /** Property naming the models folder; wins over the environment variable {@code KERAS4J_MODELS}. */
    public static final String ROOT_PROPERTY = "keras4j.models";
    /** Property replacing the home folder (for tests and sandboxes). */
    public static final String HOME_PROPERTY = "keras4j.home";

    /** One published file: Keras's file name, its URL and its hash (null when Keras gives none). */
    public record Remote(String fileName, URI url, String hash) {
        /** A file under Keras's base URL {@code baseUrl}. */
        static Remote of(String baseUrl, String fileName, String hash) {
            return new Remote(fileName, URI.create(baseUrl + fileName), hash);
        }
    }

    /** Fetches a URL into a file (the network, or a stand-in in tests). */
    @FunctionalInterface
    interface Downloader {
        void download(URI url, Path target) throws IOException;
    }

    private final Path home;
    private final Path modelsRoot;
    private final Downloader downloader;

    WeightFiles(Path home, Path modelsRoot, Downloader downloader) {
        this.home = home;
        this.modelsRoot = modelsRoot;
        this.downloader = downloader;
    }

    /** The folders from system properties {@code keras4j.home}, {@code keras4j.models} and {@code $KERAS4J_MODELS}. */
    public static WeightFiles fromSystem() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null || root.isBlank()) {
            root = System.getenv("KERAS4J_MODELS");
        }
        String home = System.getProperty(HOME_PROPERTY, System.getProperty("user.home"));
        return new WeightFiles(Path.of(home), root == null || root.isBlank() ? null : Path.of(root), WeightFiles::httpGet);
    }

    /**
     * The path of {@code remote}: found in {@code dir} (may be null) or the folders above, else downloaded.
     *
     * @throws IllegalStateException naming every folder tried when the file is nowhere and cannot be downloaded
     */
    public Path resolve(Remote remote, Path dir) {
        List<Path> dirs = new ArrayList<>();
        if (dir != null) {
            dirs.add(dir);
        }
        if (modelsRoot != null) {
            dirs.add(modelsRoot);
        }
        Path cache = home.resolve(".keras4j").resolve("models");
        dirs.add(cache);
        dirs.add(home.resolve(".keras").resolve("models"));
        List<String> rejected = new ArrayList<>();
        for (Path d : dirs) {
            Path file = d.resolve(remote.fileName());
            if (Files.isRegularFile(file)) {
                String actual = remote.hash() == null ? null : hash(file, remote.hash());
                if (actual == null || actual.equalsIgnoreCase(remote.hash())) {
                    return file;
                }
                rejected.add(file + ": " + algorithm(remote.hash()) + " " + actual + ", expected " + remote.hash());
            }
        }
        Path target = cache.resolve(remote.fileName());
        try {
            download(remote, target);
            return target;
        } catch (IOException e) {
            StringBuilder message = new StringBuilder("'" + remote.fileName() + "' not found and could not be downloaded.\nLooked in:");
            dirs.forEach(d -> message.append("\n  ").append(d));
            rejected.forEach(r -> message.append("\nRejected (checksum mismatch) ").append(r));
            message.append("\nDownload from ").append(remote.url()).append(" failed: ").append(e.getMessage())
                    .append("\nPut the file in one of those folders, set ").append(ROOT_PROPERTY)
                    .append(" / KERAS4J_MODELS to its folder, or pass weightsDir(...).");
            throw new IllegalStateException(message.toString(), e);
        }
    }

    private void download(Remote remote, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + remote.fileName() + ".", ".part");
        try {
            downloader.download(remote.url(), temp);
            if (remote.hash() != null) {
                String actual = hash(temp, remote.hash());
                if (!actual.equalsIgnoreCase(remote.hash())) {
                    throw new IOException(algorithm(remote.hash()) + " mismatch: expected " + remote.hash() + ", got " + actual
                            + "; the download was discarded");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void httpGet(URI url, Path target) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).proxy(ProxySelector.getDefault()).build();
        try {
            HttpResponse<Path> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        } catch (IOException e) {
            throw new IOException(e.getMessage() != null ? e.getMessage() : e.getClass().getName(), e);
        }
    }

    private static String algorithm(String hash) {
        return hash.length() == 32 ? "MD5" : "SHA-256";
    }

    private static String hash(Path file, String expected) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm(expected));
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm(expected) + ", which every Java platform provides", e);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
