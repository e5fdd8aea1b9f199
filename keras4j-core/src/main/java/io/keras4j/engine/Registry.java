package io.keras4j.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Keras identifiers to factories for one kind of object (activations, losses, optimizers, ...), as
 * Keras's {@code get(identifier)} functions: {@code "relu"} or {@code {"class_name": ..., "config": ...}}
 * resolve through the same table, and an unknown identifier lists the valid ones.
 *
 * @param <T> the kind of object
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, Function<Map<String, Object>, T>> factories = new LinkedHashMap<>();

    /** A registry for objects of the given kind ("activation", "loss", ...), used in error messages. */
    public Registry(String kind) {
        this.kind = kind;
    }

    /** Registers a factory under one or more names; the factory receives the config (empty for a bare name). */
    public synchronized Registry<T> register(Function<Map<String, Object>, T> factory, String... names) {
        for (String name : names) {
            factories.put(name, factory);
        }
        return this;
    }

    /** Whether {@code name} is registered. */
    public synchronized boolean contains(String name) {
        return factories.containsKey(name);
    }

    /** A new object for the identifier, with its default config. */
    public T get(String name) {
        return get(name, Collections.emptyMap());
    }

    /** A new object for the identifier and config. */
    public synchronized T get(String name, Map<String, Object> config) {
        Function<Map<String, Object>, T> factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown " + kind + ": '" + name + "'. Valid " + kind + " identifiers: " + names());
        }
        return factory.apply(config);
    }

    /** The registered names, sorted. */
    public synchronized Set<String> names() {
        return new TreeSet<>(factories.keySet());
    }
}
