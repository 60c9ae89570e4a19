package dev.fleetsim.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.node.study.StudyLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard picks scenario and node, and queries only metrics a run exposes. */
class GrafanaDashboardTest {

    private static final Pattern METRIC = Pattern.compile("(fleetsim_[a-z_]+)(\\{[^}]*\\})?");

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Path.of("..", "config", "grafana-fleetsim.json").toFile());
    }

    @Test
    void hasScenarioAndNodeVariablesEveryQueryFiltersBy() throws IOException {
        JsonNode d = dashboard();
        List<String> variables = new ArrayList<>();
        d.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
        assertEquals(List.of("scenario", "node"), variables);
        PrometheusRegistry registry = new PrometheusRegistry();
        new SimulationMetrics(registry).runStarted(StudyLoader.defaults().runs().get(0));
        Set<String> simulation = registry.scrape().stream().map(m -> m.getMetadata().getPrometheusName())
                .collect(Collectors.toSet());
        for (JsonNode panel : d.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    String name = m.group(1).replaceFirst("_(bucket|total)$", "");
                    String selector = m.group(2) == null ? "" : m.group(2);
                    assertTrue(selector.contains("instance=~\"$node\""), name + " filtered by node");
                    if (simulation.contains(name)) {
                        assertTrue(selector.contains("scenario=~\"$scenario\""), name + " filtered by scenario");
                    } else {
                        assertTrue(name.startsWith("fleetsim_node_") || name.startsWith("fleetsim_cluster_"),
                                name + " is a metric fleetsim exposes");
                    }
                }
            }
        }
    }
}
