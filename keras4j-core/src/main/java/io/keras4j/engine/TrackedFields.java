package io.keras4j.engine;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the layers held in a layer's fields, as Keras tracks the layers assigned to attributes of a layer or model
 * ({@code self.dense = Dense(32)} in {@code __init__}): fields of a layer type, collections and arrays of layers,
 * from the topmost class down, each in declaration order.
 */
final class TrackedFields {
    private TrackedFields() {
    }

    /** The layers held directly in fields (not in collections), by field name, in declaration order. */
    static java.util.Map<String, Layer> attributes(Layer owner) {
        java.util.Map<String, Layer> out = new java.util.LinkedHashMap<>();
        for (Class<?> c : hierarchy(owner)) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && Layer.class.isAssignableFrom(f.getType())
                        && read(owner, f) instanceof Layer layer && layer != owner) {
                    out.putIfAbsent(f.getName(), layer);
                }
            }
        }
        return out;
    }

    private static List<Class<?>> hierarchy(Layer owner) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = owner.getClass(); c != Layer.class; c = c.getSuperclass()) {
            classes.add(0, c);
        }
        return classes;
    }

    static List<Layer> layers(Layer owner) {
        List<Layer> out = new ArrayList<>();
        for (Class<?> c : hierarchy(owner)) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !mayHoldLayers(f.getType())) {
                    continue;
                }
                add(out, read(owner, f), owner);
            }
        }
        return out;
    }

    private static boolean mayHoldLayers(Class<?> type) {
        return Layer.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                || (type.isArray() && Layer.class.isAssignableFrom(type.getComponentType()));
    }

    private static Object read(Layer owner, Field f) {
        try {
            f.setAccessible(true);
            return f.get(owner);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new IllegalStateException("Layer \"" + owner.name() + "\": cannot read field " + f.getName() + " of "
                    + f.getDeclaringClass().getName() + " to track the layers it holds (" + e.getMessage()
                    + "); open the package to io.keras4j.core", e);
        }
    }

    private static void add(List<Layer> out, Object value, Layer owner) {
        if (value instanceof Layer layer) {
            if (layer != owner && out.stream().noneMatch(l -> l == layer)) {
                out.add(layer);
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof Layer) {
                    add(out, item, owner);
                }
            }
        } else if (value instanceof Layer[] items) {
            for (Layer item : items) {
                add(out, item, owner);
            }
        }
    }
}
