package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.console.GraphLayout.EdgeKind;
import io.stepwise.console.GraphLayout.Graph;
import io.stepwise.console.GraphLayout.Node;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The server-side layout and its SVG: layers, nesting, labelled and dashed edges, loops, and escaping. */
class GraphLayoutTest {

    private static final JsonNode ORDER = Json.parse("""
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [
                  {"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Review"},
                  {"And": [{"Variable": "$.vip", "BooleanEquals": true}, {"Variable": "$.ok", "IsPresent": true}],
                   "Next": "Ship"}],
                "Default": "Ship"},
              "Review": {"Type": "Task", "Resource": "test:review", "Next": "Ship",
                "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Rejected"}]},
              "Ship": {"Type": "Parallel", "Next": "Each", "Branches": [
                  {"StartAt": "Label", "States": {"Label": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Invoice", "States": {"Invoice": {"Type": "Pass", "End": true}}}]},
              "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Pack", "States": {
                  "Pack": {"Type": "Task", "Resource": "test:pack", "Next": "Again"},
                  "Again": {"Type": "Choice", "Choices": [{"Variable": "$.more", "BooleanEquals": true,
                      "Next": "Pack"}], "Default": "Packed"},
                  "Packed": {"Type": "Succeed"}}}, "End": true},
              "Rejected": {"Type": "Fail", "Error": "Rejected"}}}""");

    @Test
    void statesAreLayeredByTheirLongestPathAndNestedInTheirContainers() {
        Graph graph = GraphLayout.of(ORDER);
        Map<String, Node> nodes = graph.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));

        assertThat(nodes).containsOnlyKeys("Check", "Review", "Ship", "Label", "Invoice", "Each", "Pack", "Again",
                "Packed", "Rejected");
        assertThat(nodes.get("Check").start()).isTrue();
        // Ship comes after Review, which comes after Check, although Check also goes to Ship directly
        assertThat(nodes.get("Check").y()).isLessThan(nodes.get("Review").y());
        assertThat(nodes.get("Review").y()).isLessThan(nodes.get("Ship").y());
        assertThat(nodes.get("Ship").y()).isLessThan(nodes.get("Each").y());
        // branches and the item processor sit inside their state's box
        for (String inner : new String[] {"Label", "Invoice"}) {
            assertThat(inside(nodes.get(inner), nodes.get("Ship"))).as(inner).isTrue();
        }
        for (String inner : new String[] {"Pack", "Again", "Packed"}) {
            assertThat(inside(nodes.get(inner), nodes.get("Each"))).as(inner).isTrue();
        }
        assertThat(graph.regions()).extracting(GraphLayout.Region::label)
                .containsExactly("Branch 1", "Branch 2", "Each item");
        assertThat(nodes.get("Review").retry()).isEqualTo("Retry States.Timeout ×2");
        // no two states overlap
        for (Node a : graph.nodes()) {
            for (Node b : graph.nodes()) {
                if (a != b && !inside(a, b) && !inside(b, a)) {
                    assertThat(overlap(a, b)).as(a.name() + " and " + b.name()).isFalse();
                }
            }
        }
    }

    @Test
    void edgesCarryChoiceRulesCatchersAndLoops() {
        Graph graph = GraphLayout.of(ORDER);

        assertThat(graph.edges()).filteredOn(e -> e.kind() == EdgeKind.CHOICE).extracting(GraphLayout.Edge::label)
                .containsExactlyInAnyOrder("$.amount > 100", "($.vip == true and $.ok IsPresent)", "$.more == true");
        assertThat(graph.edges()).filteredOn(e -> e.kind() == EdgeKind.CATCH)
                .singleElement().satisfies(e -> {
                    assertThat(e.from()).isEqualTo("Review");
                    assertThat(e.to()).isEqualTo("Rejected");
                    assertThat(e.label()).isEqualTo("Catch States.ALL");
                });
        assertThat(graph.edges()).filteredOn(e -> e.kind() == EdgeKind.DEFAULT).extracting(GraphLayout.Edge::to)
                .containsExactlyInAnyOrder("Ship", "Packed");
        // the loop back from Again to Pack goes up, around the right
        var loop = graph.edges().stream().filter(e -> e.from().equals("Again") && e.to().equals("Pack")).findFirst()
                .orElseThrow();
        assertThat(loop.points().getLast().y()).isLessThan(loop.points().getFirst().y());

        String svg = GraphSvg.render(graph, null, "order", null);
        assertThat(svg).contains("class=\"edge catch\"", "$.amount &gt; 100", "aria-label=\"Review, Task state");
    }

    @Test
    void namesAreEscapedInTheSvg() {
        JsonNode definition = Json.parse("""
                {"StartAt": "<script>alert(1)</script>", "States": {
                  "<script>alert(1)</script>": {"Type": "Pass", "Next": "a\\"b"},
                  "a\\"b": {"Type": "Succeed"}}}""");
        String svg = GraphSvg.render(GraphLayout.of(definition), name -> new GraphSvg.Mark(StateStatus.FAILED, "×2"),
                "x", "?state=");

        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;", "a&quot;b", "status-failed",
                "href=\"?state=%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"");
    }

    @Test
    void twoHundredStatesAreLaidOutAndDrawn() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String next = i == 199 ? "\"End\": true" : "\"Next\": \"S" + (i + 1) + "\"";
            String type = i % 10 == 5 ? "\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", "
                    + "\"NumericEquals\": " + i + ", \"Next\": \"S" + (i + 2) + "\"}], \"Default\": \"S" + (i + 1) + "\""
                    : "\"Type\": \"Pass\", " + next;
            states.append(i == 0 ? "" : ",").append("\"S").append(i).append("\": {").append(type).append('}');
        }
        JsonNode definition = Json.parse("{\"StartAt\": \"S0\", \"States\": {" + states + "}}");

        Graph graph = GraphLayout.of(definition);
        String svg = GraphSvg.render(graph, null, "big", null);

        assertThat(graph.nodes()).hasSize(200);
        assertThat(graph.nodes().getLast().y()).isGreaterThan(graph.nodes().getFirst().y());
        assertThat(svg).contains("data-state=\"S199\"");
    }

    private static boolean inside(Node inner, Node outer) {
        return inner.x() >= outer.x() && inner.y() >= outer.y() && inner.x() + inner.width() <= outer.x()
                + outer.width() && inner.y() + inner.height() <= outer.y() + outer.height() && inner != outer;
    }

    private static boolean overlap(Node a, Node b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height()
                && b.y() < a.y() + a.height();
    }
}
