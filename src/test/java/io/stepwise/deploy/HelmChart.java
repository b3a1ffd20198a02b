package io.stepwise.deploy;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders helm/stepwise with Helm itself (helm-java: Helm's Go library, no helm binary) and parses the
 * result into documents.
 *
 * <p>{@code helm template} from helm-java returns the release manifest without the hooks (the CLI adds
 * them itself). To see the migration Job and its Secret, {@link #render} renders a copy of the chart
 * whose {@code helm.sh/hook*} annotation keys are renamed, so Helm keeps those documents in the
 * manifest, and names them back in the parsed documents: the hooks' content is the chart's, rendered
 * by Helm. {@link #renderPlain} renders the chart as it is, for the proof that Helm does take them
 * for hooks.
 */
final class HelmChart {

    static final Path CHART = Path.of("helm", "stepwise");
    static final String RELEASE = "rel";
    static final String NAMESPACE = "ns";
    /** The chart needs 1.30 or newer (kubeVersion); helm-java's default would be 1.20. */
    static final String KUBE_VERSION = "1.33.0";

    private static final String HOOK_KEY = "helm.sh/hook";
    private static final String RENAMED_HOOK_KEY = "test.stepwise.io/hook";

    private HelmChart() {
    }

    /** The release's manifest plus the hooks, with values on top of the chart's defaults. */
    static Rendered render(Map<String, Object> values) {
        return render(values, Map.of());
    }

    /** As {@link #render(Map)}, with some of the chart's files (path → text) replaced in the copy. */
    static Rendered render(Map<String, Object> values, Map<String, String> replacedFiles) {
        Path copy = copyWithVisibleHooks();
        try {
            for (Map.Entry<String, String> file : replacedFiles.entrySet()) {
                Files.writeString(copy.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            return new Rendered(parse(template(copy, values, KUBE_VERSION).replace(RENAMED_HOOK_KEY, HOOK_KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(copy);
        }
    }

    /** The release's manifest as Helm makes it: hooks are not in it. */
    static Rendered renderPlain(Map<String, Object> values) {
        return new Rendered(parse(template(CHART, values, KUBE_VERSION)));
    }

    static String template(Path chart, Map<String, Object> values, String kubeVersion) {
        Path valuesFile = null;
        try {
            valuesFile = Files.createTempFile("stepwise-values", ".yaml");
            Files.writeString(valuesFile, new Yaml().dump(values));
            return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeVersion(kubeVersion).withValuesFile(valuesFile).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (valuesFile != null) {
                valuesFile.toFile().delete();
            }
        }
    }

    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add(asMap(document));
            }
        }
        return documents;
    }

    private static Path copyWithVisibleHooks() {
        try {
            Path copy = Files.createTempDirectory("stepwise-chart");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(CHART.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else if (f.startsWith(CHART.resolve("templates"))) {
                        String text = Files.readString(f, StandardCharsets.UTF_8);
                        Files.writeString(target, text.replace(HOOK_KEY, RENAMED_HOOK_KEY), StandardCharsets.UTF_8);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map)) {
            throw new AssertionError("not a mapping: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        if (!(o instanceof List)) {
            throw new AssertionError("not a list: " + o);
        }
        return (List<Object>) o;
    }

    /** Walks a path of keys (and list indexes) through parsed YAML; null when a step is missing. */
    static Object at(Object node, Object... path) {
        Object cur = node;
        for (Object step : path) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(step);
            } else if (cur instanceof List<?> l && step instanceof Integer i) {
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    /** Values built in tests: {@code values("worker.enabled", true, "database.existingSecret", "db")}. */
    static Map<String, Object> values(Object... pathsAndValues) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String[] keys = ((String) pathsAndValues[i]).split("\\.");
            Map<String, Object> cur = root;
            for (int k = 0; k < keys.length - 1; k++) {
                cur = asMap(cur.computeIfAbsent(keys[k], x -> new LinkedHashMap<String, Object>()));
            }
            cur.put(keys[keys.length - 1], pathsAndValues[i + 1]);
        }
        return root;
    }

    /** The parsed documents of one rendering. */
    record Rendered(List<Map<String, Object>> documents) {

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> one(String kind, String name) {
            List<Map<String, Object>> found = all(kind).stream().filter(d -> name.equals(at(d, "metadata", "name")))
                    .toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size() + " among "
                        + documents.stream().map(d -> d.get("kind") + "/" + at(d, "metadata", "name")).toList());
            }
            return found.getFirst();
        }

        boolean has(String kind) {
            return !all(kind).isEmpty();
        }

        List<String> names(String kind) {
            return all(kind).stream().map(d -> (String) at(d, "metadata", "name")).toList();
        }

        static Map<String, Object> container(Map<String, Object> workload) {
            return asMap(at(workload, "spec", "template", "spec", "containers", 0));
        }

        /** A container's env as name → value, or name → "secret:NAME/KEY" for secretKeyRef entries. */
        static Map<String, String> env(Map<String, Object> container) {
            Map<String, String> env = new LinkedHashMap<>();
            Object list = container.get("env");
            if (list == null) {
                return env;
            }
            for (Object o : asList(list)) {
                Map<String, Object> e = asMap(o);
                String name = (String) e.get("name");
                if (e.containsKey("value")) {
                    env.put(name, String.valueOf(e.get("value")));
                } else if (at(e, "valueFrom", "secretKeyRef") != null) {
                    env.put(name, "secret:" + at(e, "valueFrom", "secretKeyRef", "name") + "/"
                            + at(e, "valueFrom", "secretKeyRef", "key"));
                } else {
                    env.put(name, "valueFrom:" + e.get("valueFrom"));
                }
            }
            return env;
        }
    }
}
