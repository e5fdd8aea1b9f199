package io.keras4j.autodiff;

import io.keras4j.callbacks.History;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.metrics.Mean;
import io.keras4j.metrics.Metric;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.models.StepData;
import io.keras4j.ops.GradientTape;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.random.Random;
import io.keras4j.random.SeedGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static io.keras4j.ops.Ops.add;
import static io.keras4j.ops.Ops.binaryCrossentropy;
import static io.keras4j.ops.Ops.concatenate;
import static io.keras4j.ops.Ops.exp;
import static io.keras4j.ops.Ops.mean;
import static io.keras4j.ops.Ops.multiply;
import static io.keras4j.ops.Ops.ones;
import static io.keras4j.ops.Ops.square;
import static io.keras4j.ops.Ops.subtract;
import static io.keras4j.ops.Ops.sum;
import static io.keras4j.ops.Ops.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VAE and the GAN of the Keras examples, ported: subclassed models whose {@code trainStep} computes its own losses
 * with a {@code GradientTape}, compiled with optimizers only (small dense versions, on synthetic data).
 */
class KerasExamplesTest {
    /** The VAE example's Sampling layer: {@code z_mean + exp(0.5 z_log_var) * epsilon}. */
    static final class Sampling extends Layer {
        private final SeedGenerator seed = new SeedGenerator(1337);

        @Override
        public INDArray[] call(INDArray[] inputs, CallContext ctx) {
            INDArray zMean = inputs[0];
            INDArray zLogVar = inputs[1];
            INDArray epsilon = Random.normal(zMean.shape(), 0, 1, "float32", seed);
            return new INDArray[]{add(zMean, multiply(exp(multiply(zLogVar, 0.5)), epsilon))};
        }
    }

    /** The VAE example's model: encoder and decoder in fields, three loss trackers, its own train step. */
    static final class Vae extends Model {
        final Model encoder;
        final Model decoder;
        final Mean totalLossTracker = new Mean("total_loss");
        final Mean reconstructionLossTracker = new Mean("reconstruction_loss");
        final Mean klLossTracker = new Mean("kl_loss");

        Vae(Model encoder, Model decoder) {
            this.encoder = encoder;
            this.decoder = decoder;
        }

        @Override
        public List<Metric> metrics() {
            return List.of(totalLossTracker, reconstructionLossTracker, klLossTracker);
        }

        @Override
        public Map<String, Double> trainStep(StepData data) {
            INDArray totalLoss;
            INDArray reconstructionLoss;
            INDArray klLoss;
            List<INDArray> grads;
            try (GradientTape tape = new GradientTape()) {
                INDArray[] z = encoder.applyAll(true, data.x());
                INDArray reconstruction = decoder.apply(z[2], true);
                reconstructionLoss = mean(sum(binaryCrossentropy(data.x(), reconstruction), 1));
                INDArray kl = multiply(subtract(subtract(add(z[1], 1.0), square(z[0])), exp(z[1])), -0.5);
                klLoss = mean(sum(kl, 1));
                totalLoss = add(reconstructionLoss, klLoss);
                grads = tape.gradient(totalLoss, trainableWeights());
            }
            optimizer().applyGradients(grads, trainableWeights());
            totalLossTracker.updateState(totalLoss);
            reconstructionLossTracker.updateState(reconstructionLoss);
            klLossTracker.updateState(klLoss);
            return getMetricsResult();
        }
    }

    @Test
    void theVaeTrainsWithItsOwnStepAndNoCompiledLoss() {
        KerasTensor in = Input.of(12);
        KerasTensor h = new Dense(8, "relu").apply(in);
        KerasTensor zMean = new Dense(2).name("z_mean").apply(h);
        KerasTensor zLogVar = new Dense(2).name("z_log_var").apply(h);
        KerasTensor z = new Sampling().apply(zMean, zLogVar);
        Model encoder = new Model(List.of(in), List.of(zMean, zLogVar, z));
        KerasTensor latent = Input.of(2);
        Model decoder = new Model(latent, new Dense(12, "sigmoid").apply(new Dense(8, "relu").apply(latent)));
        Vae vae = new Vae(encoder, decoder);
        vae.compile(new Adam(0.01));
        Nd4j.getRandom().setSeed(4);
        // four 12-bit patterns, as digits are a few shapes: the VAE can learn to reconstruct them (random bits it could not)
        INDArray patterns = Nd4j.rand(DataType.FLOAT, 4, 12).gt(0.5).castTo(DataType.FLOAT);
        INDArray x = Nd4j.create(DataType.FLOAT, 256, 12);
        for (int i = 0; i < 256; i++) {
            x.putRow(i, patterns.getRow(i % 4));
        }
        History h1 = vae.fit(x, new FitOptions().epochs(8).batchSize(32).verbose(0));
        List<Double> total = h1.history().get("total_loss");
        assertEquals(8, total.size());
        assertTrue(total.get(7) < total.get(0) - 1.0, "the VAE learns: " + total);
        for (int e = 0; e < 8; e++) {
            double sum = h1.history().get("reconstruction_loss").get(e) + h1.history().get("kl_loss").get(e);
            assertEquals(sum, total.get(e), 1e-4, "total = reconstruction + kl at epoch " + e);
        }
        assertEquals(encoder.trainableWeights().size() + decoder.trainableWeights().size(), vae.trainableWeights().size());
    }

    /** The GAN example: a discriminator and a generator, compiled with two optimizers and a loss function. */
    static final class Gan extends Model {
        final Model discriminator;
        final Model generator;
        final int latentDim;
        final SeedGenerator seed = new SeedGenerator(1337);
        final Mean dLossTracker = new Mean("d_loss");
        final Mean gLossTracker = new Mean("g_loss");
        Optimizer dOptimizer;
        Optimizer gOptimizer;
        int generatorWeightsSeenInGeneratorStep;

        Gan(Model discriminator, Model generator, int latentDim) {
            this.discriminator = discriminator;
            this.generator = generator;
            this.latentDim = latentDim;
        }

        void compile(Optimizer dOptimizer, Optimizer gOptimizer) {
            super.compile(dOptimizer);
            this.dOptimizer = dOptimizer;
            this.gOptimizer = gOptimizer;
        }

        @Override
        public List<Metric> metrics() {
            return List.of(dLossTracker, gLossTracker);
        }

        private static INDArray bce(INDArray labels, INDArray predictions) {
            return mean(binaryCrossentropy(labels, predictions));
        }

        @Override
        public Map<String, Double> trainStep(StepData data) {
            INDArray real = data.x();
            long batch = real.size(0);
            INDArray latent = Random.normal(new long[]{batch, latentDim}, 0, 1, "float32", seed);
            INDArray generated = generator.apply(latent);
            INDArray combined = concatenate(List.of(generated, real), 0);
            INDArray labels = concatenate(List.of(ones(batch, 1), zeros(batch, 1)), 0);
            INDArray dLoss;
            List<INDArray> dGrads;
            try (GradientTape tape = new GradientTape()) {
                dLoss = bce(labels, discriminator.apply(combined, true));
                dGrads = tape.gradient(dLoss, discriminator.trainableWeights());
            }
            dOptimizer.applyGradients(dGrads, discriminator.trainableWeights());
            INDArray misleading = zeros(batch, 1);
            INDArray gLoss;
            List<INDArray> gGrads;
            try (GradientTape tape = new GradientTape()) {
                INDArray fake = generator.apply(Random.normal(new long[]{batch, latentDim}, 0, 1, "float32", seed), true);
                gLoss = bce(misleading, discriminator.apply(fake));
                gGrads = tape.gradient(gLoss, generator.trainableWeights());
            }
            generatorWeightsSeenInGeneratorStep = (int) gGrads.stream().filter(g -> g != null).count();
            gOptimizer.applyGradients(gGrads, generator.trainableWeights());
            dLossTracker.updateState(dLoss);
            gLossTracker.updateState(gLoss);
            return getMetricsResult();
        }
    }

    @Test
    void theGanTrainsItsTwoModelsWithTwoOptimizers() {
        Sequential discriminator = new Sequential(new Dense(16, "relu").inputShape(4), new Dense(1, "sigmoid"));
        Sequential generator = new Sequential(new Dense(16, "relu").inputShape(3), new Dense(4));
        Gan gan = new Gan(discriminator, generator, 3);
        gan.compile(new Adam(0.003), new Adam(0.003));
        Nd4j.getRandom().setSeed(8);
        INDArray real = Nd4j.randn(DataType.FLOAT, 128, 4).muli(0.5).addi(2);
        INDArray discriminatorBefore = discriminator.getWeights().get(0).dup();
        INDArray generatorBefore = generator.getWeights().get(0).dup();
        History h = gan.fit(real, new FitOptions().epochs(3).batchSize(32).verbose(0));
        assertEquals(3, h.history().get("d_loss").size());
        assertEquals(3, h.history().get("g_loss").size());
        assertEquals(4, gan.generatorWeightsSeenInGeneratorStep, "the generator's loss reaches its 4 weights through the discriminator");
        assertFalse(discriminatorBefore.equals(discriminator.getWeights().get(0)), "the discriminator trains");
        assertFalse(generatorBefore.equals(generator.getWeights().get(0)), "the generator trains");
        assertTrue(h.history().get("d_loss").stream().allMatch(Double::isFinite));
    }
}
