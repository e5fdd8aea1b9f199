package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Wraps a Java function as a layer, as keras/src/layers/core/lambda_layer.py {@code Lambda}: {@code output =
 * function(input)}. A function written with {@code io.keras4j.ops} trains through the tape, as in Keras; a function
 * of plain ND4J calls may give its backward function {@code (x, gradOut) -> gradIn} instead.
 *
 * <p>Output shape ({@code output_shape} in Keras): a fixed shape without the batch axis, a function of the
 * full input shape, or, by default, inferred by running the function on zeros of the input shape (None
 * dimensions taken as 1).
 *
 * <p>Serialization: a Java function cannot be saved. {@link #registerFunction} gives it a name; a Lambda built
 * with {@code new Lambda(name)} saves that name (as Keras saves a named Python function) and loads again where
 * the same name is registered. The config of a Lambda around an unregistered function carries
 * {@code "function": {"class_name": }}{@value #UNREGISTERED_FUNCTION}{@code }} so that writers can refuse it;
 * a Keras file whose Lambda holds Python bytecode cannot be loaded.
 * <pre>{@code new Lambda(x -> x.mul(x), (x, g) -> x.mul(2).muli(g))   // x^2 with its gradient 2x g}</pre>
 */
public class Lambda extends Layer {
    /** The {@code class_name} in the function config of a Lambda around an unregistered Java function. */
    public static final String UNREGISTERED_FUNCTION = "__keras4j_unregistered_java_function__";
    private static final Map<String, Lambda> REGISTERED = new ConcurrentHashMap<>();

    private final Function<INDArray, INDArray> forward;
    private final BiFunction<INDArray, INDArray, INDArray> backward;
    private final String functionName;
    private long[] outputShape;
    private Function<long[], long[]> outputShapeFunction;

    /** A Lambda whose gradient comes from the {@code io.keras4j.ops} calls of its function. */
    public Lambda(Function<INDArray, INDArray> forward) {
        this(forward, null, null);
    }

    /**
     * @param forward  the function
     * @param backward the gradient with respect to the input, given the input {@code x} and the output gradient
     */
    public Lambda(Function<INDArray, INDArray> forward, BiFunction<INDArray, INDArray, INDArray> backward) {
        this(forward, backward, null);
    }

    /** A Lambda around the function registered under {@code functionName}; serializable by that name. */
    public Lambda(String functionName) {
        this(registered(functionName).forward, registered(functionName).backward, functionName);
    }

    private Lambda(Function<INDArray, INDArray> forward, BiFunction<INDArray, INDArray, INDArray> backward, String functionName) {
        if (forward == null) {
            throw new IllegalArgumentException("Lambda: argument `function` is required, got null");
        }
        this.forward = forward;
        this.backward = backward;
        this.functionName = functionName;
    }

    /**
     * Registers a function (and its backward function, or null) under a name, as Keras's
     * {@code register_keras_serializable} for the function of a Lambda; a Lambda config naming it then loads.
     */
    public static void registerFunction(String name, Function<INDArray, INDArray> forward,
                                        BiFunction<INDArray, INDArray, INDArray> backward) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Lambda.registerFunction: the name must be a non-empty string");
        }
        REGISTERED.put(name, new Lambda(forward, backward, null));
    }

    private static Lambda registered(String name) {
        Lambda lambda = name == null ? null : REGISTERED.get(name);
        if (lambda == null) {
            throw new IllegalArgumentException("Lambda: no function is registered under the name '" + name
                    + "'; register it with Lambda.registerFunction(name, forward, backward). Registered: " + new TreeSet<>(REGISTERED.keySet()));
        }
        return lambda;
    }

    /** The output shape without the batch axis, as Keras's {@code output_shape=} tuple. */
    public Lambda outputShape(long... shape) {
        this.outputShape = shape.clone();
        this.outputShapeFunction = null;
        return this;
    }

    /** The output shape as a function of the full input shape (batch axis included, -1 for None). */
    public Lambda outputShape(Function<long[], long[]> shapeFunction) {
        this.outputShapeFunction = shapeFunction;
        this.outputShape = null;
        return this;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        if (outputShapeFunction != null) {
            return outputShapeFunction.apply(inputShape.clone());
        }
        if (outputShape != null) {
            long[] out = new long[outputShape.length + 1];
            out[0] = inputShape[0];
            System.arraycopy(outputShape, 0, out, 1, outputShape.length);
            return out;
        }
        long[] probe = Arrays.stream(inputShape).map(d -> d < 0 ? 1 : d).toArray();
        long[] out;
        try {
            out = forward.apply(Nd4j.zeros(dtype(), probe)).shape();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Lambda \"" + name() + "\": could not infer the output shape by running the function on an input of shape "
                    + Arrays.toString(probe) + " (" + e.getMessage() + "); give it with outputShape(...)", e);
        }
        if (out.length > 0 && inputShape[0] < 0) {
            out[0] = -1;
        }
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        ctx.saveForBackward(input);
        return forward.apply(input);
    }

    /** With a backward function the Lambda is one tape operation; without, its function's ops are recorded. */
    @Override
    protected boolean hasBackward() {
        return backward != null;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return backward.apply(ctx.savedForBackward(INDArray.class), gradOutput);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        Map<String, Object> function = new LinkedHashMap<>();
        if (functionName != null) {
            function.put("module", "keras4j");
            function.put("class_name", "function");
            function.put("config", functionName);
            function.put("registered_name", functionName);
        } else {
            function.put("class_name", UNREGISTERED_FUNCTION);
            function.put("config", new LinkedHashMap<>());
        }
        config.put("function", function);
        if (outputShape != null) {
            config.put("output_shape", Arrays.stream(outputShape).mapToObj(d -> d < 0 ? null : d).toList());
        } else if (outputShapeFunction != null) {
            config.put("output_shape", Map.of("class_name", UNREGISTERED_FUNCTION, "config", new LinkedHashMap<>()));
        }
        config.put("arguments", new LinkedHashMap<>());
        return config;
    }

    /**
     * A Lambda from its config: only a function saved by name and registered with {@link #registerFunction} loads;
     * Python bytecode (Keras 3's {@code "__lambda__"}, Keras 2's {@code function_type "lambda"}) and unregistered
     * Java functions are refused.
     */
    public static Lambda fromConfig(Map<String, Object> map) {
        Config c = new Config("Lambda", map).allow("function", "output_shape", "arguments", "mask", "function_type", "module",
                "output_shape_type", "output_shape_module");
        String name = c.getString("name", "lambda");
        Lambda lambda = new Lambda(functionName(c.raw("function"), c.getString("function_type", null), name));
        Object shape = c.raw("output_shape");
        if (shape instanceof Map) {
            functionName(shape, null, name);
            throw new IllegalArgumentException("Lambda \"" + name + "\": an output_shape given as a function cannot be loaded");
        }
        if (shape != null) {
            lambda.outputShape(c.getLongs("output_shape"));
        }
        Object arguments = c.raw("arguments");
        if (arguments instanceof Map && !((Map<?, ?>) arguments).isEmpty()) {
            throw new IllegalArgumentException("Lambda \"" + name + "\": `arguments` are not supported, got " + arguments);
        }
        return c.applyBase(lambda);
    }

    /** The registered name a function config refers to; refuses Python code and unregistered Java functions. */
    private static String functionName(Object function, String functionType, String layer) {
        Object className = function instanceof Map ? ((Map<?, ?>) function).get("class_name") : null;
        if ("__lambda__".equals(className) || "lambda".equals(functionType)) {
            throw new UnsupportedOperationException("Lambda \"" + layer + "\": Lambda layers with Python code cannot be loaded in Java. "
                    + "Register a custom layer for it (LayerProvider.register(\"Lambda\", config -> ...)) or rebuild it with "
                    + "Lambda.registerFunction(name, forward, backward) and new Lambda(name)");
        }
        if (UNREGISTERED_FUNCTION.equals(className)) {
            throw new IllegalArgumentException("Lambda \"" + layer + "\" wrapped an unregistered Java function, which was not saved; "
                    + "register it with Lambda.registerFunction(name, forward, backward) and build the layer as new Lambda(name)");
        }
        Object name = function instanceof Map ? ((Map<?, ?>) function).get("config") : function;
        if (!(name instanceof String)) {
            throw new IllegalArgumentException("Lambda \"" + layer + "\": unsupported function config " + function);
        }
        return (String) name;
    }
}
