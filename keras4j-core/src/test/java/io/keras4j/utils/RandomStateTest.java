package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** setRandomSeed must make draws reproducible across processes, including for seed 0. */
class RandomStateTest {
    /** Run in a fresh JVM: prints the sum of 1000 uniform draws after Utils.setRandomSeed(args[0]). */
    public static void main(String[] args) {
        Utils.setRandomSeed(Long.parseLong(args[0]));
        System.out.println("SUM " + Nd4j.rand(DataType.FLOAT, 1000).sumNumber().doubleValue());
    }

    private static String drawInNewJvm(long seed) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RandomStateTest.class.getName(), Long.toString(seed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("SUM ")).findFirst().orElse(out);
    }

    @Test
    void seedZeroIsReproducibleAcrossProcesses() throws Exception {
        assertEquals(drawInNewJvm(0), drawInNewJvm(0));
        assertNotEquals(drawInNewJvm(0), drawInNewJvm(1));
    }

    @Test
    void sameSeedSameDrawsInOneProcess() {
        Utils.setRandomSeed(0);
        INDArray a = Nd4j.rand(DataType.FLOAT, 50);
        Utils.setRandomSeed(0);
        assertEquals(a, Nd4j.rand(DataType.FLOAT, 50));
    }
}
