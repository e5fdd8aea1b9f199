package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** The structure of an HDF5 file for comparisons: every dataset's path, type and shape, and the attribute names of every group that has children. */
final class H5Structure {
    private H5Structure() {
    }

    static Map<String, String> of(Path file) {
        Map<String, String> out = new TreeMap<>();
        try (HdfFile h5 = new HdfFile(file)) {
            walk(h5, out);
        }
        return out;
    }

    private static void walk(Group group, Map<String, String> out) {
        if (group.getChildren().isEmpty()) {
            return;
        }
        out.put(group.getPath() + " @", new java.util.TreeSet<>(group.getAttributes().keySet()).toString());
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group) {
                walk((Group) child, out);
            } else {
                Dataset ds = (Dataset) child;
                out.put(ds.getPath(), ds.getJavaType().getSimpleName() + Arrays.toString(ds.getDimensions()));
            }
        }
    }
}
