package io.keras4j;

import io.keras4j.callbacks.Callback;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps docs/identifiers.md equal to what the registries accept: every Keras identifier of activations,
 * losses, optimizers, metrics, initializers, regularizers and constraints (each registry's {@code names()}),
 * and the callback classes. The test fails when the file is stale; {@link #main} rewrites it (run it from
 * the IDE, or with {@code java -cp <keras4j-core test classpath> io.keras4j.IdentifierTableTest} in any
 * directory of the repository).
 */
class IdentifierTableTest {
    /** Namespace, registry class; a registry not on the classpath yet is left out of the table. */
    private static final String[][] REGISTRIES = {
            {"activations", "io.keras4j.activations.Activations"},
            {"losses", "io.keras4j.losses.Losses"},
            {"optimizers", "io.keras4j.optimizers.Optimizers"},
            {"metrics", "io.keras4j.metrics.Metrics"},
            {"initializers", "io.keras4j.initializers.Initializers"},
            {"regularizers", "io.keras4j.regularizers.Regularizers"},
            {"constraints", "io.keras4j.constraints.Constraints"},
    };

    static String table() throws Exception {
        StringBuilder md = new StringBuilder("# Supported identifiers\n\n")
                .append("Generated from the registries by `IdentifierTableTest` (keras4j-core tests); do not edit by hand.\n")
                .append("Each name is accepted wherever Keras accepts the identifier string (`Activations.get(\"relu\")`,\n")
                .append("`compile(\"adam\", \"mse\", \"accuracy\")`, ...).\n\n")
                .append("| namespace | how to get one | count | identifiers |\n|---|---|---|---|\n");
        for (String[] r : REGISTRIES) {
            Class<?> registry;
            try {
                registry = Class.forName(r[1]);
            } catch (ClassNotFoundException e) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Collection<String> names = (Collection<String>) registry.getMethod("names").invoke(null);
            section(md, r[0], "`" + registry.getName() + ".get(name)`", names);
        }
        section(md, "callbacks", "classes in `io.keras4j.callbacks`", callbackClasses());
        return md.toString();
    }

    private static void section(StringBuilder md, String namespace, String how, Collection<String> names) {
        List<String> quoted = new TreeSet<>(names).stream().map(n -> "`" + n + "`").toList();
        md.append("| ").append(namespace).append(" | ").append(how).append(" | ").append(names.size()).append(" | ")
                .append(String.join(", ", quoted)).append(" |\n");
    }

    private static List<String> callbackClasses() throws IOException, URISyntaxException {
        Path dir = Path.of(Callback.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/keras4j/callbacks");
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName("io.keras4j.callbacks." + file.substring(0, file.length() - 6));
                    if (Callback.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                            && !Modifier.isAbstract(c.getModifiers()) && c != io.keras4j.callbacks.CallbackList.class) {
                        out.add(c.getSimpleName());
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static Path docFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("keras4j-core"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory holding keras4j-core) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/identifiers.md");
    }

    @Test
    void docsListEveryRegisteredIdentifier() throws Exception {
        Path doc = docFile();
        String actual = Files.exists(doc) ? Files.readString(doc) : "(missing)";
        assertEquals(table(), actual, doc + " is out of date: run IdentifierTableTest.main to regenerate it");
    }

    /** Rewrites docs/identifiers.md from the registries. */
    public static void main(String[] args) throws Exception {
        Path doc = docFile();
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, table());
        System.out.println("wrote " + doc);
    }
}
