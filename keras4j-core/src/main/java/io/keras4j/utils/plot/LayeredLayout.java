package io.keras4j.utils.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A layered (Sugiyama-style) drawing of a directed graph of boxes, as Graphviz's {@code dot} draws Keras's
 * {@code plot_model}: cycles broken by reversing back edges, ranks by longest path (sources pulled down next to
 * their first consumer), dummy nodes on edges that span several ranks, crossings reduced by barycenter sweeps
 * (the ordering with the fewest crossings kept), positions along each rank by repeated weighted-mean placement
 * under the ordering and spacing constraints (pool-adjacent-violators), and orthogonal edges whose horizontal
 * parts get their own track in the gap between two ranks.
 *
 * <p>Coordinates are {@code u} along a rank and {@code v} across ranks (x and y for top-to-bottom drawings; the
 * caller swaps them for left-to-right ones). Sizes are in points.
 */
final class LayeredLayout {
    static final double NODE_SEP = 18;
    static final double RANK_SEP = 36;
    static final double TRACK = 8;
    private static final double DUMMY_SEP = 8;

    /**
     * An edge from node {@code from} to node {@code to}. {@code fromOffset}/{@code toOffset}: where it leaves or
     * enters, along the rank from the node's center (NaN: the center for a source, spread over the top for a
     * target); {@code fromDepth}/{@code toDepth}: across ranks from the node's top (NaN: its bottom, its top).
     */
    record Edge(int from, int to, double fromOffset, double fromDepth, double toOffset, double toDepth) {
        static Edge plain(int from, int to) {
            return new Edge(from, to, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private final int real;
    private final List<Edge> edges;
    private final List<Double> breadth = new ArrayList<>();
    private final List<Double> depth = new ArrayList<>();
    private final List<Integer> rankOf = new ArrayList<>();
    /** The layered edges: upper node, lower node, index of the input edge they belong to. */
    private final List<int[]> segments = new ArrayList<>();
    /** Per input edge, its chain of nodes from upper to lower end. */
    private final List<List<Integer>> chains = new ArrayList<>();
    private final boolean[] reversed;
    private List<List<Integer>> ranks;
    private double[] upperPort;
    private double[] lowerPort;

    /** Node centers along the rank. */
    final double[] u;
    /** Node tops across ranks. */
    final double[] v;
    /** Per input edge, its polyline {us, vs} from the source to the target (empty for a self-loop). */
    final List<double[][]> routes = new ArrayList<>();
    double totalBreadth;
    double totalDepth;

    LayeredLayout(double[] nodeBreadth, double[] nodeDepth, List<Edge> edges) {
        this.real = nodeBreadth.length;
        this.edges = edges;
        this.reversed = new boolean[edges.size()];
        for (int i = 0; i < real; i++) {
            breadth.add(nodeBreadth[i]);
            depth.add(nodeDepth[i]);
        }
        breakCycles();
        assignRanks();
        addDummies();
        order();
        computePorts();
        double[] pos = place();
        u = new double[real];
        v = new double[real];
        route(pos);
    }

    // ---- 1. cycles ----------------------------------------------------------------------------

    private List<List<Integer>> outgoing() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < real; i++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            if (edges.get(e).from() != edges.get(e).to()) {
                out.get(edges.get(e).from()).add(e);
            }
        }
        return out;
    }

    private void breakCycles() {
        List<List<Integer>> out = outgoing();
        int[] state = new int[real];
        for (int s = 0; s < real; s++) {
            if (state[s] == 0) {
                dfs(s, out, state);
            }
        }
    }

    private void dfs(int node, List<List<Integer>> out, int[] state) {
        state[node] = 1;
        for (int e : out.get(node)) {
            int to = edges.get(e).to();
            if (state[to] == 1) {
                reversed[e] = true;
            } else if (state[to] == 0) {
                dfs(to, out, state);
            }
        }
        state[node] = 2;
    }

    private int upper(int e) {
        return reversed[e] ? edges.get(e).to() : edges.get(e).from();
    }

    private int lower(int e) {
        return reversed[e] ? edges.get(e).from() : edges.get(e).to();
    }

    // ---- 2. ranks -----------------------------------------------------------------------------

    private void assignRanks() {
        int[] indegree = new int[real];
        List<List<Integer>> down = new ArrayList<>();
        for (int i = 0; i < real; i++) {
            down.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            if (upper(e) != lower(e)) {
                down.get(upper(e)).add(lower(e));
                indegree[lower(e)]++;
            }
        }
        int[] rank = new int[real];
        int[] left = indegree.clone();
        List<Integer> queue = new ArrayList<>();
        for (int i = 0; i < real; i++) {
            if (left[i] == 0) {
                queue.add(i);
            }
        }
        for (int q = 0; q < queue.size(); q++) {
            int n = queue.get(q);
            for (int m : down.get(n)) {
                rank[m] = Math.max(rank[m], rank[n] + 1);
                if (--left[m] == 0) {
                    queue.add(m);
                }
            }
        }
        // pull nodes down next to their consumers where that shortens edges (at least as many edges leave as
        // enter): a second input or a side branch then sits just above where it is used, as dot's ranking puts it
        for (int q = queue.size() - 1; q >= 0; q--) {
            int n = queue.get(q);
            if (down.get(n).isEmpty() || down.get(n).size() < indegree[n]) {
                continue;
            }
            int min = Integer.MAX_VALUE;
            for (int m : down.get(n)) {
                min = Math.min(min, rank[m]);
            }
            rank[n] = Math.max(rank[n], min - 1);
        }
        for (int i = 0; i < real; i++) {
            rankOf.add(rank[i]);
        }
    }

    // ---- 3. dummies ---------------------------------------------------------------------------

    private void addDummies() {
        for (int e = 0; e < edges.size(); e++) {
            List<Integer> chain = new ArrayList<>();
            chains.add(chain);
            int a = upper(e);
            int b = lower(e);
            if (a == b) {
                continue;
            }
            chain.add(a);
            for (int r = rankOf.get(a) + 1; r < rankOf.get(b); r++) {
                breadth.add(0.0);
                depth.add(0.0);
                rankOf.add(r);
                chain.add(breadth.size() - 1);
            }
            chain.add(b);
            for (int i = 0; i + 1 < chain.size(); i++) {
                segments.add(new int[]{chain.get(i), chain.get(i + 1), e});
            }
        }
    }

    private boolean dummy(int node) {
        return node >= real;
    }

    // ---- 4. ordering --------------------------------------------------------------------------

    private void order() {
        int maxRank = 0;
        for (int r : rankOf) {
            maxRank = Math.max(maxRank, r);
        }
        ranks = new ArrayList<>();
        for (int r = 0; r <= maxRank; r++) {
            ranks.add(new ArrayList<>());
        }
        // initial order: depth-first discovery from the nodes in their given (graph) order
        int total = breadth.size();
        List<List<Integer>> down = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            down.add(new ArrayList<>());
        }
        for (int[] s : segments) {
            down.get(s[0]).add(s[1]);
        }
        boolean[] seen = new boolean[total];
        for (int i = 0; i < total; i++) {
            discover(i, down, seen);
        }
        List<List<Integer>> best = copy(ranks);
        int bestCrossings = crossings();
        for (int iter = 0; iter < 24 && bestCrossings > 0; iter++) {
            boolean downward = iter % 2 == 0;
            if (downward) {
                for (int r = 1; r < ranks.size(); r++) {
                    sortByBarycenter(r, r - 1);
                }
            } else {
                for (int r = ranks.size() - 2; r >= 0; r--) {
                    sortByBarycenter(r, r + 1);
                }
            }
            int c = crossings();
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(ranks);
            }
        }
        ranks = best;
    }

    private void discover(int node, List<List<Integer>> down, boolean[] seen) {
        if (seen[node]) {
            return;
        }
        seen[node] = true;
        ranks.get(rankOf.get(node)).add(node);
        for (int m : down.get(node)) {
            discover(m, down, seen);
        }
    }

    private static List<List<Integer>> copy(List<List<Integer>> ranks) {
        List<List<Integer>> c = new ArrayList<>();
        for (List<Integer> r : ranks) {
            c.add(new ArrayList<>(r));
        }
        return c;
    }

    private int[] positions() {
        int[] pos = new int[breadth.size()];
        for (List<Integer> r : ranks) {
            for (int i = 0; i < r.size(); i++) {
                pos[r.get(i)] = i;
            }
        }
        return pos;
    }

    private void sortByBarycenter(int rank, int fixed) {
        int[] pos = positions();
        List<Integer> nodes = ranks.get(rank);
        double[] bary = new double[breadth.size()];
        for (int n : nodes) {
            double sum = 0;
            int count = 0;
            for (int[] s : segments) {
                if (s[0] == n && rankOf.get(s[1]) == fixed || s[1] == n && rankOf.get(s[0]) == fixed) {
                    sum += pos[s[0] == n ? s[1] : s[0]];
                    count++;
                }
            }
            bary[n] = count == 0 ? pos[n] : sum / count;
        }
        nodes.sort(Comparator.comparingDouble(n -> bary[n]));
    }

    /** The number of pairs of layered edges that cross between adjacent ranks. */
    int crossings() {
        int[] pos = positions();
        int count = 0;
        for (int i = 0; i < segments.size(); i++) {
            int[] a = segments.get(i);
            for (int j = i + 1; j < segments.size(); j++) {
                int[] b = segments.get(j);
                if (rankOf.get(a[0]).equals(rankOf.get(b[0]))
                        && (long) (pos[a[0]] - pos[b[0]]) * (pos[a[1]] - pos[b[1]]) < 0) {
                    count++;
                }
            }
        }
        return count;
    }

    // ---- 5. ports and placement ---------------------------------------------------------------

    /** Where each segment leaves its upper node and enters its lower node, along the rank from their centers. */
    private void computePorts() {
        upperPort = new double[segments.size()];
        lowerPort = new double[segments.size()];
        int[] pos = positions();
        List<List<Integer>> spread = new ArrayList<>();
        for (int i = 0; i < breadth.size(); i++) {
            spread.add(new ArrayList<>());
        }
        for (int s = 0; s < segments.size(); s++) {
            int[] seg = segments.get(s);
            Edge e = edges.get(seg[2]);
            boolean first = seg[0] == chains.get(seg[2]).get(0);
            boolean last = seg[1] == chains.get(seg[2]).get(chains.get(seg[2]).size() - 1);
            if (first && !reversed[seg[2]] && !Double.isNaN(e.fromOffset())) {
                upperPort[s] = e.fromOffset();
            }
            if (last && !reversed[seg[2]] && !Double.isNaN(e.toOffset())) {
                lowerPort[s] = e.toOffset();
            } else if (!dummy(seg[1])) {
                spread.get(seg[1]).add(s);
            }
        }
        for (int n = 0; n < breadth.size(); n++) {
            List<Integer> in = spread.get(n);
            if (in.size() < 2) {
                continue;
            }
            in.sort(Comparator.comparingInt(s -> pos[segments.get(s)[0]]));
            double span = Math.min(breadth.get(n) * 0.6, (in.size() - 1) * 3 * TRACK);
            for (int i = 0; i < in.size(); i++) {
                lowerPort[in.get(i)] = -span / 2 + span * i / (in.size() - 1);
            }
        }
    }

    private double separation(int a, int b) {
        double sep = dummy(a) && dummy(b) ? DUMMY_SEP : NODE_SEP;
        return (breadth.get(a) + breadth.get(b)) / 2 + sep;
    }

    private double[] place() {
        double[] pos = new double[breadth.size()];
        for (List<Integer> rank : ranks) {
            double x = 0;
            for (int i = 0; i < rank.size(); i++) {
                if (i > 0) {
                    x += separation(rank.get(i - 1), rank.get(i));
                }
                pos[rank.get(i)] = x;
            }
            double shift = x / 2;
            for (int n : rank) {
                pos[n] -= shift;
            }
        }
        for (int iter = 0; iter < 10; iter++) {
            for (int r = 1; r < ranks.size(); r++) {
                placeRank(r, pos, true, false);
            }
            for (int r = ranks.size() - 2; r >= 0; r--) {
                placeRank(r, pos, false, true);
            }
        }
        for (int r = 0; r < ranks.size(); r++) {
            placeRank(r, pos, true, true);
        }
        straighten(pos);
        snap(pos);
        return pos;
    }

    /**
     * Removes small jogs: where a node has a single edge down to a node with a single edge up, the lower node moves
     * under the upper one's port (or the upper one over it) when the spacing in its rank allows.
     */
    private void snap(double[] pos) {
        int[] index = positions();
        int[] down = new int[breadth.size()];
        int[] up = new int[breadth.size()];
        for (int[] seg : segments) {
            down[seg[0]]++;
            up[seg[1]]++;
        }
        for (int s = 0; s < segments.size(); s++) {
            int a = segments.get(s)[0];
            int b = segments.get(s)[1];
            if (down[a] != 1 || up[b] != 1) {
                continue;
            }
            double offset = upperPort[s] - lowerPort[s];
            // move only an end with no other edge on its far side, so no other edge gets a new jog
            if (!(down[b] <= 1 && tryMove(b, pos[a] + offset, pos, index)) && up[a] <= 1) {
                tryMove(a, pos[b] - offset, pos, index);
            }
        }
    }

    private boolean fitsAt(int node, double u, double[] pos, int[] index) {
        List<Integer> rank = ranks.get(rankOf.get(node));
        int i = index[node];
        return !(i > 0 && u - pos[rank.get(i - 1)] < separation(rank.get(i - 1), node) - 1e-9
                || i + 1 < rank.size() && pos[rank.get(i + 1)] - u < separation(node, rank.get(i + 1)) - 1e-9);
    }

    private boolean tryMove(int node, double u, double[] pos, int[] index) {
        if (!fitsAt(node, u, pos, index)) {
            return false;
        }
        pos[node] = u;
        return true;
    }

    /** Puts the dummies of each long edge on one vertical line where the spacing in every rank allows it. */
    private void straighten(double[] pos) {
        int[] index = positions();
        for (int e = 0; e < edges.size(); e++) {
            List<Integer> chain = chains.get(e);
            if (chain.size() < 3) {
                continue;
            }
            List<Integer> dummies = chain.subList(1, chain.size() - 1);
            double mean = 0;
            for (int d : dummies) {
                mean += pos[d] / dummies.size();
            }
            for (double candidate : new double[]{pos[dummies.get(0)], pos[dummies.get(dummies.size() - 1)], mean}) {
                boolean fits = true;
                for (int d : dummies) {
                    if (!fitsAt(d, candidate, pos, index)) {
                        fits = false;
                        break;
                    }
                }
                if (fits) {
                    for (int d : dummies) {
                        pos[d] = candidate;
                    }
                    break;
                }
            }
        }
    }

    /** Moves the nodes of one rank towards the weighted mean of their neighbours' ports, keeping order and spacing. */
    private void placeRank(int r, double[] pos, boolean fromAbove, boolean fromBelow) {
        List<Integer> nodes = ranks.get(r);
        int k = nodes.size();
        double[] target = new double[k];
        double[] weight = new double[k];
        for (int i = 0; i < k; i++) {
            int n = nodes.get(i);
            double sum = 0;
            double w = 0;
            for (int s = 0; s < segments.size(); s++) {
                int[] seg = segments.get(s);
                double omega = dummy(seg[0]) && dummy(seg[1]) ? 8 : dummy(seg[0]) || dummy(seg[1]) ? 2 : 1;
                if (fromAbove && seg[1] == n) {
                    sum += omega * (pos[seg[0]] + upperPort[s] - lowerPort[s]);
                    w += omega;
                } else if (fromBelow && seg[0] == n) {
                    sum += omega * (pos[seg[1]] + lowerPort[s] - upperPort[s]);
                    w += omega;
                }
            }
            target[i] = w == 0 ? pos[n] : sum / w;
            weight[i] = w == 0 ? 0.01 : w;
        }
        double[] offset = new double[k];
        for (int i = 1; i < k; i++) {
            offset[i] = offset[i - 1] + separation(nodes.get(i - 1), nodes.get(i));
        }
        double[] z = isotonic(target, offset, weight);
        for (int i = 0; i < k; i++) {
            pos[nodes.get(i)] = z[i] + offset[i];
        }
    }

    /** Weighted isotonic regression (pool adjacent violators) of {@code target - offset}. */
    private static double[] isotonic(double[] target, double[] offset, double[] weight) {
        int k = target.length;
        double[] value = new double[k];
        double[] w = new double[k];
        int[] size = new int[k];
        int blocks = 0;
        for (int i = 0; i < k; i++) {
            value[blocks] = target[i] - offset[i];
            w[blocks] = weight[i];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double ws = w[blocks - 2] + w[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * w[blocks - 2] + value[blocks - 1] * w[blocks - 1]) / ws;
                w[blocks - 2] = ws;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        double[] z = new double[k];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < size[b]; j++) {
                z[i++] = value[b];
            }
        }
        return z;
    }

    // ---- 6. coordinates across ranks and edge routes ------------------------------------------

    private void route(double[] pos) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int n = 0; n < breadth.size(); n++) {
            min = Math.min(min, pos[n] - breadth.get(n) / 2);
            max = Math.max(max, pos[n] + breadth.get(n) / 2);
        }
        for (int n = 0; n < breadth.size(); n++) {
            pos[n] -= min;
        }
        totalBreadth = max - min;
        // tracks: per gap, the horizontal runs; runs leaving the same node share a track
        int gaps = Math.max(0, ranks.size() - 1);
        int[] track = new int[segments.size()];
        int[] tracks = new int[gaps];
        for (int g = 0; g < gaps; g++) {
            List<double[]> runs = new ArrayList<>();   // {lo, hi, upper node}
            List<List<Integer>> members = new ArrayList<>();
            for (int s = 0; s < segments.size(); s++) {
                int[] seg = segments.get(s);
                if (rankOf.get(seg[0]) != g) {
                    continue;
                }
                double a = pos[seg[0]] + upperPort[s];
                double b = pos[seg[1]] + lowerPort[s];
                if (Math.abs(a - b) < 0.5) {
                    track[s] = -1;
                    continue;
                }
                int found = -1;
                for (int i = 0; i < runs.size(); i++) {
                    if (runs.get(i)[2] == seg[0] && Math.abs(pos[seg[0]] + upperPort[members.get(i).get(0)] - a) < 0.5) {
                        found = i;
                    }
                }
                if (found < 0) {
                    runs.add(new double[]{Math.min(a, b), Math.max(a, b), seg[0]});
                    members.add(new ArrayList<>());
                    found = runs.size() - 1;
                }
                runs.get(found)[0] = Math.min(runs.get(found)[0], Math.min(a, b));
                runs.get(found)[1] = Math.max(runs.get(found)[1], Math.max(a, b));
                members.get(found).add(s);
            }
            Integer[] byStart = new Integer[runs.size()];
            for (int i = 0; i < byStart.length; i++) {
                byStart[i] = i;
            }
            Arrays.sort(byStart, Comparator.comparingDouble(i -> runs.get(i)[0]));
            List<Double> trackEnd = new ArrayList<>();
            for (int i : byStart) {
                int t = 0;
                while (t < trackEnd.size() && trackEnd.get(t) > runs.get(i)[0] - 2) {
                    t++;
                }
                if (t == trackEnd.size()) {
                    trackEnd.add(0.0);
                }
                trackEnd.set(t, runs.get(i)[1]);
                for (int s : members.get(i)) {
                    track[s] = t;
                }
            }
            tracks[g] = trackEnd.size();
        }
        double[] bandTop = new double[ranks.size()];
        double[] bandHeight = new double[ranks.size()];
        double[] gapHeight = new double[gaps];
        double y = 0;
        for (int r = 0; r < ranks.size(); r++) {
            bandTop[r] = y;
            for (int n : ranks.get(r)) {
                bandHeight[r] = Math.max(bandHeight[r], depth.get(n));
            }
            y += bandHeight[r];
            if (r < gaps) {
                gapHeight[r] = Math.max(RANK_SEP, (tracks[r] + 1) * TRACK);
                y += gapHeight[r];
            }
        }
        totalDepth = y;
        double[] top = new double[breadth.size()];
        for (int n = 0; n < breadth.size(); n++) {
            int r = rankOf.get(n);
            top[n] = bandTop[r] + (bandHeight[r] - depth.get(n)) / 2;
        }
        for (int n = 0; n < real; n++) {
            u[n] = pos[n];
            v[n] = top[n];
        }
        int s = 0;
        for (int e = 0; e < edges.size(); e++) {
            List<Integer> chain = chains.get(e);
            if (chain.isEmpty()) {
                routes.add(new double[][]{{}, {}});
                continue;
            }
            Edge edge = edges.get(e);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i + 1 < chain.size(); i++, s++) {
                int a = chain.get(i);
                int b = chain.get(i + 1);
                int g = rankOf.get(a);
                double ua = pos[a] + upperPort[s];
                double ub = pos[b] + lowerPort[s];
                double va = dummy(a) ? bandTop[g] + bandHeight[g]
                        : top[a] + (i == 0 && !reversed[e] && !Double.isNaN(edge.fromDepth()) ? edge.fromDepth() : depth.get(a));
                double vb = dummy(b) ? bandTop[g + 1]
                        : top[b] + (i + 2 == chain.size() && !reversed[e] && !Double.isNaN(edge.toDepth()) ? edge.toDepth() : 0);
                points.add(new double[]{ua, va});
                if (track[s] >= 0) {
                    double ty = bandTop[g] + bandHeight[g] + gapHeight[g] * (track[s] + 1) / (tracks[g] + 1);
                    points.add(new double[]{ua, ty});
                    points.add(new double[]{ub, ty});
                }
                points.add(new double[]{ub, vb});
            }
            if (reversed[e]) {
                java.util.Collections.reverse(points);
            }
            double[][] r = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                r[0][i] = points.get(i)[0];
                r[1][i] = points.get(i)[1];
            }
            routes.add(r);
        }
    }
}
