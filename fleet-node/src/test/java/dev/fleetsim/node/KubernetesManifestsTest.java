package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kustomize base, rendered with {@code kubectl kustomize} where kubectl exists and otherwise by reading the
 * files it lists, agrees with the application: ports, labels, probe paths, RBAC, security.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..", "k8s");
    private static List<JsonNode> docs;
    private static final Config APP = ConfigFactory.load();

    @BeforeAll
    static void render() throws Exception {
        String yaml = kubectlKustomize();
        if (yaml == null) {
            JsonNode kustomization = new YAMLMapper().readTree(K8S.resolve("kustomization.yaml").toFile());
            StringBuilder all = new StringBuilder();
            for (JsonNode resource : kustomization.get("resources")) {
                all.append(Files.readString(K8S.resolve(resource.asText()))).append("\n---\n");
            }
            yaml = all.toString();
        }
        docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
    }

    private static String kubectlKustomize() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", K8S.toString()).redirectErrorStream(true).start();
        } catch (IOException noKubectl) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static JsonNode kind(String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static JsonNode container() {
        return kind("StatefulSet", "fleetsim").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static int port(String name) {
        for (JsonNode p : container().path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port " + name);
    }

    private static String env(String name) {
        for (JsonNode e : container().path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    @Test
    void threeReplicasJoinByBootstrapWithTheLabelDiscoveryLooksFor() {
        JsonNode set = kind("StatefulSet", "fleetsim");
        assertEquals(3, set.path("spec").path("replicas").asInt());
        String serviceName = APP.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name");
        String selector = String.format(APP.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
                serviceName);
        String[] kv = selector.split("=");
        assertEquals(kv[1], set.path("spec").path("template").path("metadata").path("labels").path(kv[0]).asText());
        assertEquals("true", env("FLEETSIM_BOOTSTRAP"));
        assertEquals(List.of("node", "--bootstrap"), List.of(container().path("args").get(0).asText(),
                container().path("args").get(1).asText()));
        assertEquals(serviceName, set.path("spec").path("serviceName").asText());
    }

    @Test
    void portsAndProbesMatchTheApplication() {
        assertEquals(APP.getInt("pekko.management.http.port"), port("management"));
        assertEquals(Integer.parseInt(env("FLEETSIM_MANAGEMENT_PORT")), port("management"));
        assertEquals(Integer.parseInt(env("FLEETSIM_PORT")), port("remoting"));
        assertEquals("/ready", container().path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/alive", container().path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("management", container().path("readinessProbe").path("httpGet").path("port").asText());
        JsonNode headless = kind("Service", "fleetsim");
        assertEquals("None", headless.path("spec").path("clusterIP").asText());
        assertTrue(headless.path("spec").path("publishNotReadyAddresses").asBoolean());
        JsonNode management = kind("Service", "fleetsim-management");
        assertEquals("true", management.path("metadata").path("annotations").path("prometheus.io/scrape").asText());
        assertEquals(Integer.toString(port("metrics")),
                management.path("metadata").path("annotations").path("prometheus.io/port").asText());
        assertEquals(Integer.parseInt(env("FLEETSIM_METRICS_PORT")), port("metrics"));
        assertEquals("/metrics", management.path("metadata").path("annotations").path("prometheus.io/path").asText());
    }

    @Test
    void roleMayOnlyReadPodsAndIsBoundToThePodsAccount() {
        JsonNode rules = kind("Role", "fleetsim-pod-reader").path("rules");
        assertEquals(1, rules.size());
        assertEquals("pods", rules.get(0).path("resources").get(0).asText());
        Set<String> verbs = new HashSet<>();
        rules.get(0).path("verbs").forEach(v -> verbs.add(v.asText()));
        assertEquals(Set.of("get", "watch", "list"), verbs);
        JsonNode binding = kind("RoleBinding", "fleetsim-pod-reader");
        assertEquals("fleetsim-pod-reader", binding.path("roleRef").path("name").asText());
        String account = kind("StatefulSet", "fleetsim").path("spec").path("template").path("spec")
                .path("serviceAccountName").asText();
        assertEquals(account, binding.path("subjects").get(0).path("name").asText());
        kind("ServiceAccount", account);
    }

    @Test
    void podsRunAsNonRootWithLimits() {
        JsonNode pod = kind("StatefulSet", "fleetsim").path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(container().path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertEquals(false, container().path("securityContext").path("allowPrivilegeEscalation").asBoolean());
        assertEquals(container().path("resources").path("requests").path("memory").asText(),
                container().path("resources").path("limits").path("memory").asText(),
                "memory request equals limit, so a node is not evicted for using what it asked for");
    }

    @Test
    void studyJobNamesSeedsThePodsAdvertise() throws IOException {
        JsonNode job = new YAMLMapper().readTree(K8S.resolve("study-job.yaml").toFile());
        String args = job.path("spec").path("template").path("spec").path("containers").get(0).path("args")
                .toString();
        String host = env("FLEETSIM_HOST").replace("$(POD_NAME)", "fleetsim-0");
        assertTrue(args.contains(host + ":" + env("FLEETSIM_PORT")), args);
    }
}
