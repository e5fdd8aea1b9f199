package io.keras4j.applications;

import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightFilesTest {
    private static final WeightFiles.Downloader OFFLINE = (url, target) -> {
        throw new IOException("no network in this test");
    };

    @TempDir
    Path temp;

    /** A small model with seeded weights, written as Keras's published weight files are, under {@code fileName} in {@code dir}. */
    private static Model writeKerasFile(Path dir, String fileName) throws IOException {
        Model source = new MobileNetV2().weights((String) null).alpha(0.35).includeTop(false).inputShape(96, 96, 3).build();
        ApplicationGoldens.seedWeights(source);
        Files.createDirectories(dir);
        LegacyWeightsFile.write(source, dir.resolve(fileName));
        return source;
    }

    @Test
    void imagenetWeightsLoadFromTheGivenFolderByKerasFileName() throws IOException {
        Path dir = temp.resolve("weights");
        Model source = writeKerasFile(dir, "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5");
        Model loaded = new MobileNetV2().alpha(0.35).includeTop(false).inputShape(96, 96, 3).weightsDir(dir).build();
        assertSameWeights(source, loaded);
    }

    @Test
    void weightsPathLoadsThatFile() throws IOException {
        Model source = writeKerasFile(temp, "mine.h5");
        Model loaded = new MobileNetV2().weights(temp.resolve("mine.h5")).alpha(0.35).includeTop(false).inputShape(96, 96, 3).build();
        assertSameWeights(source, loaded);
    }

    @Test
    void searchOrderIsGivenFolderThenModelsRootThenOwnCacheThenKerasCache() throws IOException {
        WeightFiles.Remote remote = WeightFiles.Remote.of("https://example.invalid/", "w.h5", null);
        Path given = temp.resolve("given");
        Path root = temp.resolve("root");
        Path home = temp.resolve("home");
        Path ownCache = home.resolve(".keras4j/models");
        Path kerasCache = home.resolve(".keras/models");
        for (Path dir : List.of(given, root, ownCache, kerasCache)) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("w.h5"), dir.toString());
        }
        WeightFiles files = new WeightFiles(home, root, OFFLINE);
        assertEquals(given.resolve("w.h5"), files.resolve(remote, given));
        assertEquals(root.resolve("w.h5"), files.resolve(remote, null));
        Files.delete(root.resolve("w.h5"));
        assertEquals(ownCache.resolve("w.h5"), files.resolve(remote, null));
        Files.delete(ownCache.resolve("w.h5"));
        assertEquals(kerasCache.resolve("w.h5"), files.resolve(remote, null));
    }

    @Test
    void fileWithWrongChecksumIsRejectedAndNamed() throws IOException {
        Path dir = temp.resolve("weights");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"), "not the published file");
        WeightFiles files = new WeightFiles(temp.resolve("home"), null, OFFLINE);
        WeightFiles.Remote remote = new ResNet50().includeTop(false).imagenetWeights(new long[] {224, 224, 3});
        assertEquals("4d473c1dd8becc155b73f8504c6f6626", remote.hash());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> files.resolve(remote, dir));
        assertTrue(e.getMessage().contains("Rejected (checksum mismatch)"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 4d473c1dd8becc155b73f8504c6f6626"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void downloadIsVerifiedAndMovedIntoPlaceAtomically() throws IOException {
        byte[] content = "weights".getBytes();
        String md5 = java.util.HexFormat.of().formatHex(md5(content));
        List<URI> asked = new ArrayList<>();
        WeightFiles.Downloader fake = (url, target) -> {
            asked.add(url);
            Files.write(target, content);
        };
        Path home = temp.resolve("home");
        WeightFiles.Remote good = WeightFiles.Remote.of("https://example.invalid/models/", "good.h5", md5);
        Path path = new WeightFiles(home, null, fake).resolve(good, null);
        assertEquals(home.resolve(".keras4j/models/good.h5"), path);
        assertEquals("weights", Files.readString(path));
        assertEquals(List.of(URI.create("https://example.invalid/models/good.h5")), asked);

        WeightFiles.Remote corrupt = WeightFiles.Remote.of("https://example.invalid/models/", "bad.h5", "0".repeat(32));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WeightFiles(home, null, fake).resolve(corrupt, null));
        assertTrue(e.getMessage().contains("MD5 mismatch"), e.getMessage());
        try (var left = Files.list(home.resolve(".keras4j/models"))) {
            assertEquals(List.of("good.h5"), left.map(p -> p.getFileName().toString()).toList(), "no partial file is left behind");
        }
    }

    @Test
    void kerasFileNamesAndHashes() {
        assertEquals("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5",
                new MobileNetV2().imagenetWeights(new long[] {224, 224, 3}).fileName());
        assertEquals("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5",
                new MobileNetV2().alpha(0.35).includeTop(false).imagenetWeights(new long[] {100, 100, 3}).fileName());
        assertEquals("mobilenet_7_5_160_tf_no_top.h5", new MobileNet().alpha(0.75).includeTop(false).imagenetWeights(new long[] {160, 160, 3}).fileName());
        WeightFiles.Remote vgg = new VGG16().imagenetWeights(new long[] {224, 224, 3});
        assertEquals(URI.create("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5"), vgg.url());
        assertEquals("64373286793e3c8b2b4e3219cbf3544b", vgg.hash());
        assertEquals("c13680b51ded0fb44dff2d8f86ac8bb1", new DenseNet201().includeTop(false).imagenetWeights(null).hash());
        assertFalse(new ResNet152V2().imagenetWeights(null).fileName().contains("notop"));
    }

    private static byte[] md5(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSameWeights(Model expected, Model actual) {
        List<Variable> e = expected.weights();
        List<Variable> a = actual.weights();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertEquals(e.get(i).value(), a.get(i).value(), "weight " + e.get(i).path());
        }
    }
}
