package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checked reading of HDF5 files through jhdf: every failure of the library or of the file's structure becomes
 * a {@link KerasFormatException} naming the file and the HDF5 path, and no dataset is read before its declared
 * shape has been checked against what the model expects.
 */
final class H5 {
    /** The most elements read from one dataset when no expected shape bounds it (256 Mi). */
    private static final long MAX_ELEMENTS = 1L << 28;

    private H5() {
    }

    /**
     * Opens an HDF5 file for reading. Files under 2 GiB are memory-mapped and read as a buffer: jhdf then slices
     * instead of allocating what a corrupt header declares (reading a file through jhdf's channel lets a
     * damaged object header allocate gigabytes).
     */
    static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasFormatException(file, "no such file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < Integer.MAX_VALUE) {
                return HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
            }
        } catch (IOException e) {
            throw new KerasFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new KerasFormatException(file + ": not a readable HDF5 file: " + e.getMessage(), e);
        }
        try {
            return new HdfFile(file);
        } catch (RuntimeException e) {
            throw new KerasFormatException(file + ": not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /** Opens HDF5 content held in memory (an archive entry). */
    static HdfFile open(byte[] bytes, String where) {
        try {
            return HdfFile.fromBytes(bytes);
        } catch (RuntimeException e) {
            throw new KerasFormatException(where + ": not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /** The child group at {@code path} below {@code group}, or null if there is none. */
    static Group group(Group group, String path, String where) {
        Node node = node(group, path, where);
        if (node == null) {
            return null;
        }
        if (!node.isGroup()) {
            throw new KerasFormatException(where, "'" + node.getPath() + "' should be a group, it is a dataset");
        }
        return (Group) node;
    }

    /** The node at {@code path} below {@code group}, or null if there is none. */
    static Node node(Group group, String path, String where) {
        try {
            Group g = group;
            Node node = g;
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!(node instanceof Group)) {
                    return null;
                }
                g = (Group) node;
                node = g.getChildren().get(part);
                if (node == null) {
                    return null;
                }
            }
            return node;
        } catch (RuntimeException e) {
            throw new KerasFormatException(where + ": cannot read '" + group.getPath() + path + "': " + e.getMessage(), e);
        }
    }

    /** The names of a group's children, in the file's order. */
    static List<String> children(Group group, String where) {
        try {
            return new ArrayList<>(group.getChildren().keySet());
        } catch (RuntimeException e) {
            throw new KerasFormatException(where + ": cannot list '" + group.getPath() + "': " + e.getMessage(), e);
        }
    }

    /** A string attribute (a str or bytes scalar), or null if absent. */
    static String stringAttribute(Node node, String name, String where) {
        try {
            Attribute a = node.getAttribute(name);
            if (a == null) {
                return null;
            }
            Object data = a.getData();
            if (data instanceof String) {
                return (String) data;
            }
            if (data != null && data.getClass().isArray() && Array.getLength(data) == 1 && Array.get(data, 0) instanceof String) {
                return (String) Array.get(data, 0);
            }
            throw new KerasFormatException(where, "attribute '" + name + "' of '" + node.getPath() + "' should be a string, got "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        } catch (KerasFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasFormatException(where + ": cannot read attribute '" + name + "' of '" + node.getPath() + "': " + e.getMessage(), e);
        }
    }

    /** A string-list attribute (weight_names, layer_names); empty if absent or an empty non-string array. */
    static List<String> stringsAttribute(Node node, String name, String where) {
        try {
            Attribute a = node.getAttribute(name);
            if (a == null || a.isEmpty() || a.getSize() == 0) {
                return new ArrayList<>();
            }
            if (a.getSize() > 1_000_000) {
                throw new KerasFormatException(where, "attribute '" + name + "' of '" + node.getPath() + "' declares " + a.getSize() + " entries");
            }
            Object data = a.getData();
            List<String> out = new ArrayList<>();
            if (data instanceof String) {
                out.add((String) data);
                return out;
            }
            if (data == null || !data.getClass().isArray()) {
                throw new KerasFormatException(where, "attribute '" + name + "' of '" + node.getPath() + "' should be a list of strings");
            }
            for (int i = 0; i < Array.getLength(data); i++) {
                Object e = Array.get(data, i);
                if (!(e instanceof String)) {
                    throw new KerasFormatException(where, "attribute '" + name + "' of '" + node.getPath()
                            + "' should be a list of strings, got an element of type " + (e == null ? "null" : e.getClass().getSimpleName()));
                }
                out.add((String) e);
            }
            return out;
        } catch (KerasFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasFormatException(where + ": cannot read attribute '" + name + "' of '" + node.getPath() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A dataset as an array in C order.
     *
     * @param expected the shape the model needs, or null to accept any (bounded) shape
     */
    static INDArray read(Group group, String path, long[] expected, String where) {
        Node node = node(group, path, where);
        if (node == null) {
            throw new KerasFormatException(where, "missing dataset '" + group.getPath() + path + "'");
        }
        if (node.isGroup()) {
            throw new KerasFormatException(where, "'" + node.getPath() + "' should be a dataset, it is a group");
        }
        Dataset ds = (Dataset) node;
        try {
            long[] shape = Arrays.stream(ds.getDimensions()).asLongStream().toArray();
            if (expected != null && !Arrays.equals(shape, expected)) {
                throw new ShapeMismatch(where, "'" + ds.getPath() + "' has shape " + Arrays.toString(shape) + ", the model expects "
                        + Arrays.toString(expected));
            }
            long n = ds.isScalar() ? 1 : ds.getSize();
            if (n > MAX_ELEMENTS) {
                throw new KerasFormatException(where, "'" + ds.getPath() + "' declares " + n + " elements; refusing to read it");
            }
            Class<?> type = ds.getJavaType();
            Object data = ds.isScalar() ? ds.getData() : ds.getDataFlat();
            return toArray(data, type, shape, where + ": '" + ds.getPath() + "'");
        } catch (KerasFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new KerasFormatException(where + ": cannot read dataset '" + ds.getPath() + "': " + e, e);
        }
    }

    private static INDArray toArray(Object data, Class<?> type, long[] shape, String where) {
        INDArray flat;
        if (data instanceof float[]) {
            flat = Nd4j.createFromArray((float[]) data);
        } else if (data instanceof double[]) {
            flat = Nd4j.createFromArray((double[]) data);
        } else if (data instanceof int[]) {
            flat = Nd4j.createFromArray((int[]) data);
        } else if (data instanceof long[]) {
            flat = Nd4j.createFromArray((long[]) data);
        } else if (data instanceof short[]) {
            flat = Nd4j.createFromArray((short[]) data);
        } else if (data instanceof byte[]) {
            flat = Nd4j.createFromArray((byte[]) data);
        } else if (data instanceof boolean[]) {
            flat = Nd4j.createFromArray((boolean[]) data);
        } else if (data instanceof Float) {
            return Nd4j.scalar((Float) data);
        } else if (data instanceof Double) {
            return Nd4j.scalar((Double) data);
        } else if (data instanceof Integer) {
            return Nd4j.scalar((Integer) data);
        } else if (data instanceof Long) {
            return Nd4j.scalar((Long) data);
        } else {
            throw new KerasFormatException(where, "unsupported data type " + (type == null ? "?" : type.getSimpleName()));
        }
        if (shape.length == 0) {
            return flat.reshape();
        }
        return flat.reshape('c', shape);
    }

    /** A stored shape differs from the one the model expects (skippable with skipMismatch). */
    static final class ShapeMismatch extends KerasFormatException {
        private static final long serialVersionUID = 1L;

        ShapeMismatch(String where, String problem) {
            super(where, problem);
        }
    }

    /** Casts to the dtype of the variable it will be assigned to. */
    static INDArray as(INDArray a, DataType type) {
        return a.dataType() == type ? a : a.castTo(type);
    }
}
