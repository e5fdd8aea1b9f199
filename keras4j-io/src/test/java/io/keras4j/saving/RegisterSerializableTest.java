package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.InputLayer;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** User-defined layers and activations round-trip once registered, as with {@code register_keras_serializable}. */
class RegisterSerializableTest {
    @TempDir
    Path dir;

    /** {@code x * |x|}, a user activation. */
    static final class SignedSquare implements ActivationFunction {
        @Override
        public String name() {
            return "signed_square";
        }

        @Override
        public void call(INDArray x, INDArray out) {
            out.assign(x.mul(org.nd4j.linalg.ops.transforms.Transforms.abs(x)));
        }

        @Override
        public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
            out.assign(dy.mul(org.nd4j.linalg.ops.transforms.Transforms.abs(x)).mul(2));
        }
    }

    @Test
    void registeredLayerAndActivationRoundTrip() {
        SerializationLib.registerSerializable("my_package", "Scale", Scale::fromConfig);
        SerializationLib.registerSerializable("my_package", "signed_square", SignedSquare::new);
        Sequential model = new Sequential(new InputLayer(3), new Dense(2).activation(new SignedSquare()), new Scale(2.5));
        String json = model.toJson();
        assertTrue(json.contains("\"registered_name\": \"my_package>Scale\""), json);
        assertTrue(json.contains("\"activation\": {\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"my_package>signed_square\""), json);
        Model back = Models.modelFromJson(json);
        assertEquals(json, back.toJson());
        Path file = dir.resolve("custom.keras");
        model.save(file);
        INDArray x = Nd4j.linspace(-1, 1, 6, DataType.FLOAT).reshape(2, 3);
        assertEquals(model.predict(x), Models.loadModel(file).predict(x));
    }

    /** A user loss: Keras's mean squared error under another class name. */
    static final class HalfSquare extends io.keras4j.losses.MeanSquaredError {
    }

    @Test
    void registeredLossIsRestoredByCompile() {
        SerializationLib.registerSerializableLoss("my_package", "HalfSquare", c -> new HalfSquare());
        Sequential model = new Sequential(new InputLayer(3), new Dense(2));
        model.compile("sgd", new HalfSquare());
        Path file = dir.resolve("loss.keras");
        model.save(file);
        Model back = Models.loadModel(file);
        assertEquals(HalfSquare.class, back.loss().get(0).getClass());
    }

    @Test
    void packageAndNameAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> SerializationLib.registerSerializable("", "Scale", Scale::fromConfig));
    }
}
