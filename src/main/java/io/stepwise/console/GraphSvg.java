package io.stepwise.console;

import io.stepwise.console.GraphLayout.Edge;
import io.stepwise.console.GraphLayout.Graph;
import io.stepwise.console.GraphLayout.Node;
import io.stepwise.console.GraphLayout.Point;
import io.stepwise.console.GraphLayout.Region;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.web.util.HtmlUtils;

/**
 * Draws a {@link Graph} as inline SVG. Each state is a link (keyboard-focusable, named by its
 * {@code aria-label}: name, type and status) carrying {@code data-state}, so the page script can
 * recolour it live; status shows as a colour, an icon and a word. Choice edges carry their rule,
 * Catch edges are dashed.
 */
final class GraphSvg {

    /** What to show on a state: its status (null on a definition page) and a line of figures ("×3", counts). */
    record Mark(StateStatus status, String figures) {
    }

    private GraphSvg() {
    }

    /**
     * @param marks a state's mark by name; null when drawing a definition (no statuses)
     * @param stateLink what a state's link is before its name ({@code ?state=} on an execution's page, with
     *        the page's namespace before it), or null for plain images
     */
    static String render(Graph graph, Function<String, Mark> marks, String title, String stateLink) {
        StringBuilder svg = new StringBuilder(256 + graph.nodes().size() * 600);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" role=\"group\" aria-label=\"")
                .append(esc(title)).append("\" viewBox=\"0 0 ").append(num(graph.width())).append(' ')
                .append(num(graph.height())).append("\" width=\"").append(num(graph.width())).append("\" height=\"")
                .append(num(graph.height())).append("\">");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/>"
                + "</marker></defs>");
        // containers first, so the states inside them are drawn over them
        for (Node node : graph.nodes()) {
            node(svg, node, marks == null ? null : marks.apply(node.name()), stateLink);
            if (node.type().equals("Parallel") || node.type().equals("Map")) {
                for (Region region : graph.regions()) {
                    if (region.state().equals(node.name())) {
                        svg.append("<g class=\"region\" aria-hidden=\"true\"><rect x=\"").append(num(region.x()))
                                .append("\" y=\"").append(num(region.y())).append("\" width=\"")
                                .append(num(region.width())).append("\" height=\"").append(num(region.height()))
                                .append("\" rx=\"6\"/><text x=\"").append(num(region.x() + 8)).append("\" y=\"")
                                .append(num(region.y() + 15)).append("\">").append(esc(region.label()))
                                .append("</text></g>");
                    }
                }
            }
        }
        svg.append("<g class=\"edges\">");
        for (Edge edge : graph.edges()) {
            edge(svg, edge);
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    private static void node(StringBuilder svg, Node node, Mark mark, String stateLink) {
        StateStatus status = mark == null ? null : mark.status();
        String statusClass = status == null ? "" : " status-" + status.css();
        boolean container = node.type().equals("Parallel") || node.type().equals("Map");
        String label = node.name() + ", " + node.type() + " state" + (status == null ? "" : ", " + status.label())
                + (mark == null || mark.figures() == null || mark.figures().isEmpty() ? "" : ", " + mark.figures())
                + (node.retry() == null ? "" : ", " + node.retry());
        if (stateLink != null) {
            svg.append("<a class=\"state").append(container ? " container" : "").append(statusClass)
                    .append("\" href=\"").append(esc(stateLink)).append(esc(URLEncoder.encode(node.name(), StandardCharsets.UTF_8)))
                    .append("\" data-state=\"").append(esc(node.name())).append("\" aria-label=\"").append(esc(label))
                    .append("\">");
        } else {
            svg.append("<g class=\"state").append(container ? " container" : "").append(statusClass)
                    .append("\" data-state=\"").append(esc(node.name())).append("\" role=\"img\" aria-label=\"")
                    .append(esc(label)).append("\">");
        }
        svg.append("<title>").append(esc(label)).append("</title>");
        svg.append("<rect class=\"box").append(node.start() ? " start" : "").append("\" x=\"").append(num(node.x()))
                .append("\" y=\"").append(num(node.y())).append("\" width=\"").append(num(node.width()))
                .append("\" height=\"").append(num(node.height())).append("\" rx=\"").append(container ? 8 : 10)
                .append("\"/>");
        double textX = node.x() + 10;
        svg.append("<text class=\"name\" x=\"").append(num(textX)).append("\" y=\"").append(num(node.y() + 18))
                .append("\">").append(esc(node.name())).append("</text>");
        svg.append("<text class=\"meta\" x=\"").append(num(textX)).append("\" y=\"").append(num(node.y() + 35))
                .append("\"><tspan class=\"icon\">").append(status == null ? "" : status.icon())
                .append("</tspan> <tspan class=\"word\">").append(status == null ? "" : status.label())
                .append("</tspan> <tspan class=\"type\">").append(esc(node.type().toLowerCase(Locale.ROOT)))
                .append("</tspan> <tspan class=\"figures\">")
                .append(mark == null || mark.figures() == null ? "" : esc(mark.figures())).append("</tspan></text>");
        if (node.retry() != null) {
            svg.append("<text class=\"retry\" x=\"").append(num(textX)).append("\" y=\"")
                    .append(num(node.y() + node.height() - 6)).append("\">↻ ").append(esc(node.retry()))
                    .append("</text>");
        }
        svg.append(stateLink != null ? "</a>" : "</g>");
    }

    private static void edge(StringBuilder svg, Edge edge) {
        svg.append("<g class=\"edge ").append(edge.kind().name().toLowerCase(Locale.ROOT))
                .append("\" data-from=\"").append(esc(edge.from())).append("\" data-to=\"").append(esc(edge.to()))
                .append("\"><polyline points=\"");
        for (Point p : edge.points()) {
            svg.append(num(p.x())).append(',').append(num(p.y())).append(' ');
        }
        svg.append("\" marker-end=\"url(#arrow)\"/>");
        if (edge.label() != null) {
            Point a = edge.points().get(edge.points().size() / 2 - (edge.points().size() % 2 == 0 ? 1 : 0));
            Point b = edge.points().get(edge.points().size() / 2);
            String text = edge.label().length() > 36 ? edge.label().substring(0, 35) + "…" : edge.label();
            svg.append("<text class=\"edge-label\" x=\"").append(num((a.x() + b.x()) / 2 + 4)).append("\" y=\"")
                    .append(num((a.y() + b.y()) / 2 - 4)).append("\"><title>").append(esc(edge.label()))
                    .append("</title>").append(esc(text)).append("</text>");
        }
        svg.append("</g>");
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
