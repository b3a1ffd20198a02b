package io.stepwise.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A state machine laid out as a layered graph, top to bottom, computed on the server so that the page
 * needs no layout library and a test can check it: states in layers by their longest path from
 * {@code StartAt} (loops are found by a depth-first walk and drawn as back edges on the right), each
 * layer ordered by where its predecessors sit, Parallel branches and Map item processors laid out the
 * same way inside their state's box. Works on the definition's JSON, so it draws any stored version.
 */
final class GraphLayout {

    static final double NODE_HEIGHT = 46;
    static final double RETRY_LINE = 14;
    static final double LAYER_GAP = 46;
    static final double NODE_GAP = 28;
    static final double PAD = 14;
    static final double HEADER = 40;
    static final double CHAR_WIDTH = 7.4;

    enum EdgeKind { NEXT, CHOICE, DEFAULT, CATCH }

    record Point(double x, double y) {
    }

    /** A state; a Parallel or Map also encloses its {@link Region}s. {@code retry}: a summary of its Retry, or null. */
    record Node(String name, String type, double x, double y, double width, double height, String retry,
            boolean start) {
    }

    /** A Parallel branch or a Map's item processor, drawn as a box inside its state. */
    record Region(String state, String label, double x, double y, double width, double height) {
    }

    record Edge(String from, String to, EdgeKind kind, String label, List<Point> points) {
    }

    record Graph(List<Node> nodes, List<Region> regions, List<Edge> edges, double width, double height) {
    }

    private GraphLayout() {
    }

    static Graph of(JsonNode definition) {
        Laid laid = machine(definition, true);
        List<Node> nodes = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        laid.place(PAD, PAD, nodes, regions, edges);
        return new Graph(nodes, regions, edges, laid.width + 2 * PAD, laid.height + 2 * PAD);
    }

    /** A machine laid out at the origin; {@link #place} moves it and everything inside to where it goes. */
    private static final class Laid {
        final List<Node> nodes = new ArrayList<>();
        final List<Region> regions = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        double width;
        double height;

        void place(double dx, double dy, List<Node> toNodes, List<Region> toRegions, List<Edge> toEdges) {
            for (Node n : nodes) {
                toNodes.add(new Node(n.name(), n.type(), n.x() + dx, n.y() + dy, n.width(), n.height(), n.retry(),
                        n.start()));
            }
            for (Region r : regions) {
                toRegions.add(new Region(r.state(), r.label(), r.x() + dx, r.y() + dy, r.width(), r.height()));
            }
            for (Edge e : edges) {
                toEdges.add(new Edge(e.from(), e.to(), e.kind(), e.label(),
                        e.points().stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList()));
            }
        }
    }

    /** One state before placement: its size and, for Parallel and Map, its sub-machines laid out. */
    private record Sized(String name, JsonNode json, String type, double width, double height, List<Laid> children,
            List<String> childLabels) {
    }

    private static Laid machine(JsonNode machine, boolean top) {
        JsonNode states = machine.path("States");
        Map<String, Sized> sized = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            sized.put(entry.getKey(), size(entry.getKey(), entry.getValue()));
        }
        Map<String, List<Target>> out = new LinkedHashMap<>();
        for (Sized s : sized.values()) {
            out.put(s.name(), targets(s.json(), sized.keySet()));
        }
        String startAt = machine.path("StartAt").asString("");

        // depth-first from StartAt (then any state nothing reaches): discovery order and back edges
        List<String> order = new ArrayList<>();
        List<String> postOrder = new ArrayList<>();
        Set<String> backEdges = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<String> roots = new ArrayList<>();
        if (sized.containsKey(startAt)) {
            roots.add(startAt);
        }
        roots.addAll(sized.keySet());
        for (String root : roots) {
            if (!seen.contains(root)) {
                walk(root, out, seen, new HashSet<>(), order, postOrder, backEdges);
            }
        }

        // longest path over forward edges, in topological order (reverse post-order)
        Map<String, Integer> layer = new HashMap<>();
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            String from = postOrder.get(i);
            layer.putIfAbsent(from, 0);
            for (Target t : out.get(from)) {
                if (!backEdges.contains(edgeKey(from, t.to()))) {
                    layer.merge(t.to(), layer.get(from) + 1, Math::max);
                }
            }
        }
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            rows.add(new ArrayList<>());
        }
        for (String name : order) {
            rows.get(layer.get(name)).add(name);
        }
        orderByPredecessors(rows, out, backEdges);

        Laid laid = new Laid();
        Map<String, Node> placed = new HashMap<>();
        double y = 0;
        double widest = 0;
        for (List<String> row : rows) {
            widest = Math.max(widest, rowWidth(row, sized));
        }
        for (List<String> row : rows) {
            double rowHeight = row.stream().mapToDouble(n -> sized.get(n).height()).max().orElse(0);
            double x = (widest - rowWidth(row, sized)) / 2;
            for (String name : row) {
                Sized s = sized.get(name);
                Node node = new Node(name, s.type(), x, y, s.width(), s.height(), retry(s.json()),
                        top && name.equals(startAt));
                laid.nodes.add(node);
                placed.put(name, node);
                placeChildren(s, node, laid);
                x += s.width() + NODE_GAP;
            }
            y += rowHeight + LAYER_GAP;
        }
        laid.width = Math.max(widest, 1);
        laid.height = Math.max(y - LAYER_GAP, 1);

        // edges: forward ones from bottom to top, back edges around the right side
        int lane = 0;
        for (String from : order) {
            for (Target t : out.get(from)) {
                Node a = placed.get(from);
                Node b = placed.get(t.to());
                List<Point> points;
                if (backEdges.contains(edgeKey(from, t.to())) || b.y() <= a.y()) {
                    double right = laid.width + 10 + 8 * lane++;
                    points = List.of(new Point(a.x() + a.width(), a.y() + a.height() / 2),
                            new Point(right, a.y() + a.height() / 2), new Point(right, b.y() + b.height() / 2),
                            new Point(b.x() + b.width(), b.y() + b.height() / 2));
                } else {
                    double ax = a.x() + a.width() / 2;
                    double bx = b.x() + b.width() / 2;
                    double midY = b.y() - LAYER_GAP / 2;
                    points = ax == bx ? List.of(new Point(ax, a.y() + a.height()), new Point(bx, b.y()))
                            : List.of(new Point(ax, a.y() + a.height()), new Point(ax, midY), new Point(bx, midY),
                                    new Point(bx, b.y()));
                }
                laid.edges.add(new Edge(from, t.to(), t.kind(), t.label(), points));
            }
        }
        laid.width += 8 * lane + (lane > 0 ? 12 : 0);
        return laid;
    }

    private static void placeChildren(Sized s, Node node, Laid into) {
        double x = node.x() + PAD;
        for (int i = 0; i < s.children().size(); i++) {
            Laid child = s.children().get(i);
            double regionWidth = child.width + 2 * PAD;
            double regionHeight = child.height + 2 * PAD + 12;
            into.regions.add(new Region(s.name(), s.childLabels().get(i), x, node.y() + HEADER, regionWidth,
                    regionHeight));
            child.place(x + PAD, node.y() + HEADER + PAD + 12, into.nodes, into.regions, into.edges);
            x += regionWidth + PAD;
        }
    }

    private static double rowWidth(List<String> row, Map<String, Sized> sized) {
        return row.stream().mapToDouble(n -> sized.get(n).width()).sum() + NODE_GAP * Math.max(0, row.size() - 1);
    }

    private static void walk(String name, Map<String, List<Target>> out, Set<String> seen, Set<String> onPath,
            List<String> order, List<String> postOrder, Set<String> backEdges) {
        // iterative, so a 10,000-state chain does not exhaust the stack
        record Frame(String name, int next) {
        }
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(name, 0));
        seen.add(name);
        onPath.add(name);
        order.add(name);
        while (!stack.isEmpty()) {
            Frame top = stack.removeLast();
            List<Target> targets = out.get(top.name());
            if (top.next() < targets.size()) {
                stack.add(new Frame(top.name(), top.next() + 1));
                String to = targets.get(top.next()).to();
                if (onPath.contains(to)) {
                    backEdges.add(edgeKey(top.name(), to));
                } else if (seen.add(to)) {
                    onPath.add(to);
                    order.add(to);
                    stack.add(new Frame(to, 0));
                }
            } else {
                onPath.remove(top.name());
                postOrder.add(top.name());
            }
        }
    }

    /** One sweep: each layer after the first sorted by the mean position of its predecessors above. */
    private static void orderByPredecessors(List<List<String>> rows, Map<String, List<Target>> out,
            Set<String> backEdges) {
        Map<String, List<String>> predecessors = new HashMap<>();
        out.forEach((from, targets) -> targets.forEach(t -> {
            if (!backEdges.contains(edgeKey(from, t.to()))) {
                predecessors.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(from);
            }
        }));
        Map<String, Double> position = new HashMap<>();
        for (List<String> row : rows) {
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                String name = row.get(i);
                List<String> above = predecessors.getOrDefault(name, List.of()).stream()
                        .filter(position::containsKey).toList();
                double own = i;
                key.put(name, above.isEmpty() ? own : above.stream().mapToDouble(position::get).average().orElse(own));
            }
            row.sort((a, b) -> Double.compare(key.get(a), key.get(b)));
            for (int i = 0; i < row.size(); i++) {
                position.put(row.get(i), (double) i);
            }
        }
    }

    private static String edgeKey(String from, String to) {
        return from + "\u0000" + to;
    }

    private record Target(String to, EdgeKind kind, String label) {
    }

    /** Where a state can go next: Next, a Choice's rules and Default, its Catchers. */
    private static List<Target> targets(JsonNode state, Set<String> names) {
        List<Target> targets = new ArrayList<>();
        if (state.path("Next").isString()) {
            targets.add(new Target(state.get("Next").asString(), EdgeKind.NEXT, null));
        }
        for (JsonNode rule : state.path("Choices")) {
            if (rule.path("Next").isString()) {
                targets.add(new Target(rule.get("Next").asString(), EdgeKind.CHOICE, ChoiceLabels.of(rule)));
            }
        }
        if (state.path("Default").isString()) {
            targets.add(new Target(state.get("Default").asString(), EdgeKind.DEFAULT, "Default"));
        }
        for (JsonNode catcher : state.path("Catch")) {
            if (catcher.path("Next").isString()) {
                targets.add(new Target(catcher.get("Next").asString(), EdgeKind.CATCH,
                        "Catch " + errors(catcher)));
            }
        }
        return targets.stream().filter(t -> names.contains(t.to())).toList();
    }

    private static Sized size(String name, JsonNode state) {
        String type = state.path("Type").asString("?");
        double textWidth = Math.max(name.length(), type.length() + 14) * CHAR_WIDTH + 2 * PAD;
        double height = NODE_HEIGHT + (state.has("Retry") ? RETRY_LINE : 0);
        List<Laid> children = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (type.equals("Parallel")) {
            int i = 0;
            for (JsonNode branch : state.path("Branches")) {
                children.add(machine(branch, false));
                labels.add("Branch " + (++i));
            }
        } else if (type.equals("Map")) {
            JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
            children.add(machine(processor, false));
            labels.add("Each item");
        }
        if (children.isEmpty()) {
            return new Sized(name, state, type, Math.min(Math.max(textWidth, 130), 260), height, children, labels);
        }
        double inner = children.stream().mapToDouble(c -> c.width + 2 * PAD).sum() + PAD * (children.size() + 1);
        double tallest = children.stream().mapToDouble(c -> c.height + 2 * PAD + 12).max().orElse(0);
        // a Map's line of iteration counts ("120 ok, 3 failed, 40 running of 10000") needs the room
        double least = type.equals("Map") ? 320 : 200;
        return new Sized(name, state, type, Math.max(inner, Math.max(textWidth, least)),
                HEADER + tallest + PAD + (state.has("Retry") ? RETRY_LINE : 0), children, labels);
    }

    /** "Retry: States.ALL ×3", the first Retrier's errors and the attempts all Retriers allow. */
    private static String retry(JsonNode state) {
        JsonNode retriers = state.path("Retry");
        if (!retriers.isArray() || retriers.isEmpty()) {
            return null;
        }
        int attempts = 0;
        for (JsonNode r : retriers) {
            attempts += r.path("MaxAttempts").asInt(3);
        }
        return "Retry " + errors(retriers.get(0)) + (retriers.size() > 1 ? " +" + (retriers.size() - 1) : "")
                + " ×" + attempts;
    }

    private static String errors(JsonNode withErrorEquals) {
        List<String> errors = new ArrayList<>();
        withErrorEquals.path("ErrorEquals").forEach(e -> errors.add(e.asString("")));
        return String.join(", ", errors);
    }
}
