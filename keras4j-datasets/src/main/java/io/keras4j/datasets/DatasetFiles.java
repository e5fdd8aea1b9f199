package io.keras4j.datasets;

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
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a dataset's files on disk, or downloads them into keras4j's cache with their SHA-256
 * checked, as keras/src/utils/file_utils.py {@code get_file}.
 *
 * <p>Search order for dataset {@code name}: {@code <datasetsRoot>/<name>}, keras4j's cache
 * {@code <home>/.keras4j/datasets/<name>}, then the loader's own extra folders (Keras's cache,
 * system folders). A download goes to a temporary file in the cache folder and is moved into place
 * only once its checksum matches, so the cache never holds a partial or corrupt download.
 */
final class DatasetFiles {
    /** Property naming the datasets root; wins over the environment variable {@code KERAS4J_DATASETS}. */
    static final String ROOT_PROPERTY = "keras4j.datasets";
    /** Property replacing the home folder (for tests and sandboxes). */
    static final String HOME_PROPERTY = "keras4j.home";
    /** The folder holding Keras's dataset files. */
    static final String KERAS_BASE_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /**
     * One file of a dataset: its name in the cache, where to download it, its hash (hex): SHA-256, or MD5
     * when 32 digits long, as keras/src/utils/file_utils.py {@code resolve_hasher} decides.
     */
    record Remote(String fileName, URI url, String sha256) {
        /** A file in Keras's dataset folder {@code baseUrl}. */
        static Remote of(String baseUrl, String fileName, String sha256) {
            return new Remote(fileName, URI.create(baseUrl + fileName), sha256);
        }
    }

    private final Path home;
    private final Path datasetsRoot;

    /**
     * @param home         the folder holding {@code .keras4j} and {@code .keras}
     * @param datasetsRoot the folder holding one subfolder per dataset, or null
     */
    DatasetFiles(Path home, Path datasetsRoot) {
        this.home = home;
        this.datasetsRoot = datasetsRoot;
    }

    /** Locations from system properties {@code keras4j.home}, {@code keras4j.datasets} and the environment. */
    static DatasetFiles fromSystem() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null || root.isBlank()) {
            root = System.getenv("KERAS4J_DATASETS");
        }
        String home = System.getProperty(HOME_PROPERTY, System.getProperty("user.home"));
        return new DatasetFiles(Path.of(home), root == null || root.isBlank() ? null : Path.of(root));
    }

    /** The home folder, under which Keras keeps its cache {@code .keras/datasets}. */
    Path home() {
        return home;
    }

    /**
     * Loads dataset {@code name} from the first folder where {@code reader} finds it, else downloads
     * {@code remote} into keras4j's cache and reads that.
     *
     * @param extraDirs folders searched after keras4j's own
     * @param reader    reads a folder: empty if the files are not there, an exception if they are corrupt
     * @param what      what the reader looks for, for the error message
     * @throws IllegalStateException if the dataset is nowhere and cannot be downloaded; lists every place
     */
    <T> T load(String name, List<Path> extraDirs, List<Remote> remote, Function<Path, Optional<T>> reader,
            String what) {
        List<Path> dirs = new ArrayList<>();
        if (datasetsRoot != null) {
            dirs.add(datasetsRoot.resolve(name));
        }
        Path cache = home.resolve(".keras4j").resolve("datasets").resolve(name);
        dirs.add(cache);
        dirs.addAll(extraDirs);
        for (Path dir : dirs) {
            Optional<T> data = reader.apply(dir);
            if (data.isPresent()) {
                return data.get();
            }
        }
        try {
            download(cache, remote);
        } catch (IOException e) {
            StringBuilder message = new StringBuilder("Dataset '" + name + "' not found and could not be downloaded.\n"
                    + "Looked for " + what + " in:");
            dirs.forEach(d -> message.append("\n  ").append(d));
            message.append("\nDownload into ").append(cache).append(" failed: ").append(e.getMessage())
                    .append("\nPut the files in one of those folders, or set ").append(ROOT_PROPERTY)
                    .append(" / KERAS4J_DATASETS to a folder holding '").append(name).append("/'.");
            throw new IllegalStateException(message.toString(), e);
        }
        return reader.apply(cache).orElseThrow(() -> new IllegalStateException(
                cache + ": downloaded files do not contain " + what));
    }

    /** Downloads each file of {@code remote} that is not already in {@code dir} with the right checksum. */
    static void download(Path dir, List<Remote> remote) throws IOException {
        Files.createDirectories(dir);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).proxy(ProxySelector.getDefault()).build();
        for (Remote file : remote) {
            Path target = dir.resolve(file.fileName());
            if (!Files.isRegularFile(target) || !hash(target, file.sha256()).equals(file.sha256())) {
                fetch(client, file, target);
            }
        }
    }

    private static void fetch(HttpClient client, Remote file, Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + file.fileName() + ".", ".part");
        try {
            String actual = downloadTo(client, file.url(), temp, file.sha256());
            if (!actual.equals(file.sha256())) {
                throw new IOException(file.url() + ": " + newDigest(file.sha256()).getAlgorithm() + " mismatch: expected " + file.sha256() + ", got " + actual
                        + "; the download was discarded");
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

    /** Streams {@code url} into {@code file} and returns the SHA-256 of what was written. */
    private static String downloadTo(HttpClient client, URI url, Path file, String expected) throws IOException {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = newDigest(expected);
            try (InputStream body = new DigestInputStream(response.body(), digest);
                 OutputStream out = Files.newOutputStream(file)) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP status " + response.statusCode());
                }
                body.transferTo(out);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": download interrupted", e);
        } catch (IOException e) {
            throw new IOException(url + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()), e);
        }
    }

    private static String hash(Path file, String expected) throws IOException {
        MessageDigest digest = newDigest(expected);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest(String expected) {
        String algorithm = expected.length() == 32 ? "MD5" : "SHA-256";
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm + ", which every Java platform must provide", e);
        }
    }
}
