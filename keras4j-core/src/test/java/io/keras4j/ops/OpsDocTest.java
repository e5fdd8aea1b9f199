package io.keras4j.ops;

import io.keras4j.random.Random;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/ops.md (written by ops_doc.py) lists every public method of {@link Ops} and {@link Random}. */
class OpsDocTest {
    @Test
    void docsListEveryPublicOp() throws IOException {
        String doc = Files.readString(Path.of("../docs/ops.md"));
        List<String> missing = new ArrayList<>();
        int methods = 0;
        for (Class<?> c : List.of(Ops.class, Random.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    methods++;
                    String row = java.util.regex.Pattern.quote(" " + m.getName() + "(") + String.join(", ", parameters(m)) + "\\)`";
                    if (!java.util.regex.Pattern.compile(row).matcher(doc).find()) {
                        missing.add(c.getSimpleName() + "." + m.getName() + java.util.Arrays.toString(m.getParameterTypes()));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "run keras4j-core/src/test/python/ops_doc.py");
        assertEquals(true, doc.contains("(" + methods + " Java methods with overloads)"), "method count in docs/ops.md");
    }

    private static List<String> parameters(Method m) {
        List<String> out = new ArrayList<>();
        for (java.lang.reflect.Parameter p : m.getParameters()) {
            String type = p.getType().getSimpleName();
            if (p.isVarArgs()) {
                type = type.replace("[]", "...");
            }
            out.add(java.util.regex.Pattern.quote(type) + (p.getType() == List.class ? "<\\w+>" : "") + " \\w+");
        }
        return out;
    }
}
