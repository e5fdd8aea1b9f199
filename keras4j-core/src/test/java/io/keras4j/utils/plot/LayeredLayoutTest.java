package io.keras4j.utils.plot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayeredLayoutTest {
    private static List<LayeredLayout.Edge> edges(int[]... pairs) {
        List<LayeredLayout.Edge> out = new ArrayList<>();
        for (int[] p : pairs) {
            out.add(LayeredLayout.Edge.plain(p[0], p[1]));
        }
        return out;
    }

    private static double[] fill(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static void assertNoOverlap(LayeredLayout l, double[] b, double[] d) {
        for (int i = 0; i < b.length; i++) {
            for (int j = i + 1; j < b.length; j++) {
                boolean apartU = Math.abs(l.u[i] - l.u[j]) >= (b[i] + b[j]) / 2;
                boolean apartV = l.v[i] + d[i] <= l.v[j] || l.v[j] + d[j] <= l.v[i];
                assertTrue(apartU || apartV, "nodes " + i + " and " + j + " overlap");
            }
        }
    }

    @Test
    void aChainIsOneStraightColumnWithStraightEdges() {
        double[] b = {100, 60, 140};
        double[] d = {40, 40, 40};
        LayeredLayout l = new LayeredLayout(b, d, edges(new int[]{0, 1}, new int[]{1, 2}));
        assertEquals(l.u[0], l.u[1], 1e-9);
        assertEquals(l.u[1], l.u[2], 1e-9);
        assertEquals(0, l.v[0], 1e-9);
        assertEquals(40 + LayeredLayout.RANK_SEP, l.v[1], 1e-9);
        assertEquals(140, l.totalBreadth, 1e-9);
        assertEquals(3 * 40 + 2 * LayeredLayout.RANK_SEP, l.totalDepth, 1e-9);
        double[][] r = l.routes.get(0);
        assertEquals(2, r[0].length, "a straight edge is one segment");
        assertEquals(40, r[1][0], 1e-9);   // leaves the bottom of node 0
        assertEquals(l.v[1], r[1][1], 1e-9);   // enters the top of node 1
    }

    @Test
    void crossingsOfTheGivenOrderAreRemoved() {
        // 0 -> 3 and 1 -> 2: in the given order the two edges cross; the sweeps swap the lower rank
        double[] b = fill(4, 50);
        double[] d = fill(4, 30);
        LayeredLayout l = new LayeredLayout(b, d, edges(new int[]{0, 3}, new int[]{1, 2}, new int[]{0, 2}, new int[]{1, 3},
                new int[]{0, 3}));
        assertNoOverlap(l, b, d);
        LayeredLayout k = new LayeredLayout(b, d, edges(new int[]{0, 3}, new int[]{1, 2}));
        assertEquals(0, k.crossings());
        assertTrue(k.u[0] < k.u[1] == k.u[3] < k.u[2], "each source sits on the side of its target");
    }

    @Test
    void twoInputsTwoOutputsNoOverlapAndSourcesNextToTheirConsumers() {
        // a -> c, b -> d, c -> e, d -> e, a -> e (long), e -> f, e -> g; i -> h -> g (a late second input)
        double[] b = {120, 120, 150, 150, 200, 90, 90, 80, 60};
        double[] d = {40, 40, 60, 60, 60, 40, 40, 40, 30};
        LayeredLayout l = new LayeredLayout(b, d, edges(new int[]{0, 2}, new int[]{1, 3}, new int[]{2, 4}, new int[]{3, 4},
                new int[]{0, 4}, new int[]{4, 5}, new int[]{4, 6}, new int[]{7, 6}, new int[]{8, 7}));
        assertNoOverlap(l, b, d);
        assertTrue(l.v[7] > l.v[4] && l.v[8] > l.v[3], "the late input's chain is drawn just above its consumer, not at the top");
        assertEquals(l.u[8], l.u[7], 1e-9, "a node with one consumer that has one input sits right above it");
        for (int e = 0; e < l.routes.size(); e++) {
            double[][] r = l.routes.get(e);
            for (int i = 1; i < r[0].length; i++) {
                assertTrue(r[0][i] == r[0][i - 1] || r[1][i] == r[1][i - 1], "edge " + e + " is orthogonal");
            }
        }
        // the long edge a -> e runs beside c's rank without entering c's or d's box
        double[][] longEdge = l.routes.get(4);
        for (int i = 0; i < longEdge[0].length; i++) {
            for (int n : new int[]{2, 3}) {
                boolean inside = Math.abs(longEdge[0][i] - l.u[n]) < b[n] / 2 && longEdge[1][i] > l.v[n] && longEdge[1][i] < l.v[n] + d[n];
                assertFalse(inside, "the long edge passes through node " + n);
            }
        }
    }

    @Test
    void aCycleIsDrawnWithTheBackEdgeReversed() {
        double[] b = fill(3, 40);
        double[] d = fill(3, 20);
        LayeredLayout l = new LayeredLayout(b, d, edges(new int[]{0, 1}, new int[]{1, 2}, new int[]{2, 1}));
        assertNoOverlap(l, b, d);
        double[][] back = l.routes.get(2);
        int last = back[0].length - 1;
        assertEquals(l.v[2], back[1][0], 1e-9, "the back edge starts at the top of its source 2");
        assertEquals(l.v[1] + 20, back[1][last], 1e-9, "and ends at the bottom of its target 1");
    }
}
