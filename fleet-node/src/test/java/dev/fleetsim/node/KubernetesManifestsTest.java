package dev.fleetsim.node;

import static dev.fleetsim.node.KubernetesManifests.env;
import static dev.fleetsim.node.KubernetesManifests.podSpec;
import static dev.fleetsim.node.KubernetesManifests.port;
import static dev.fleetsim.node.KubernetesManifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kustomize base, rendered with {@code kubectl kustomize}, and the study Job agree with the application: ports,
 * labels, probe paths, RBAC, each setting given once, Pod Security "restricted". {@link KubernetesBootstrapIT}
 * starts what they describe.
 */
class KubernetesManifestsTest {

    private static final Config APP = ConfigFactory.load();
    private static KubernetesManifests base;
    private static JsonNode job;

    @BeforeAll
    static void render() throws Exception {
        base = KubernetesManifests.base();
        job = KubernetesManifests.file("study-job.yaml").kind("Job", "fleetsim-study");
    }

    private static JsonNode container() {
        return base.nodeContainer();
    }

    private static String value(String env) {
        return env(container(), env).path("value").asText();
    }

    private static int replicas() {
        return base.statefulSet().path("spec").path("replicas").asInt();
    }

    @Test
    void threeReplicasJoinByBootstrapWithTheLabelDiscoveryLooksFor() {
        JsonNode set = base.statefulSet();
        assertEquals(3, replicas());
        String serviceName = APP.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name");
        String selector = String.format(APP.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
                serviceName);
        String[] kv = selector.split("=");
        assertEquals(kv[1], set.path("spec").path("template").path("metadata").path("labels").path(kv[0]).asText());
        assertEquals(List.of("node", "--bootstrap"), strings(container().path("args")));
        assertEquals(serviceName, set.path("spec").path("serviceName").asText());
        assertEquals(Integer.toString(replicas()), value("FLEETSIM_REQUIRED_CONTACT_POINTS"),
                "the first pods wait for all replicas before one forms the cluster");
        assertEquals("Parallel", set.path("spec").path("podManagementPolicy").asText(),
                "all replicas start at once: one at a time, the first would wait to be Ready for pods never started");
    }

    @Test
    void nodesAdvertiseThePodIpThatDiscoveryReports() {
        assertEquals("status.podIP",
                env(container(), "FLEETSIM_HOST").path("valueFrom").path("fieldRef").path("fieldPath").asText());
        assertTrue(APP.getBoolean("pekko.discovery.kubernetes-api.use-raw-ip"),
                "targets by pod IP, so a node finds its own contact point among them");
    }

    @Test
    void eachSettingIsGivenOnceAndNodeHelpNamesItsVariable() {
        String help = FleetsimCommand.commandLine().getSubcommands().get("node").getUsageMessage()
                .replaceAll("\\s+", " ");
        List<String> flags = strings(container().path("args")).stream().filter(a -> a.startsWith("--")).toList();
        List<String> variables = new ArrayList<>();
        container().path("env").forEach(e -> variables.add(e.path("name").asText()));
        for (String flag : flags) {
            assertFalse(variables.contains(variable(flag)), flag + " is given both as a flag and as " + variable(flag));
        }
        for (String variable : variables.stream().filter(v -> v.startsWith("FLEETSIM_")).toList()) {
            assertTrue(help.contains("env " + variable), "node --help names " + variable);
        }
        for (String flag : flags) {
            assertTrue(help.contains("env " + variable(flag)), "node --help names " + variable(flag));
        }
    }

    private static String variable(String flag) {
        return "FLEETSIM_" + flag.substring(2).replace('-', '_').toUpperCase();
    }

    @Test
    void portsAndProbesMatchTheApplication() {
        assertEquals(APP.getInt("pekko.management.http.port"), port(container(), "management"));
        assertEquals(Integer.parseInt(value("FLEETSIM_MANAGEMENT_PORT")), port(container(), "management"));
        assertEquals(Integer.parseInt(value("FLEETSIM_PORT")), port(container(), "remoting"));
        assertEquals("/ready", container().path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/alive", container().path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("management", container().path("readinessProbe").path("httpGet").path("port").asText());
        JsonNode headless = base.kind("Service", "fleetsim");
        assertEquals("None", headless.path("spec").path("clusterIP").asText());
        assertTrue(headless.path("spec").path("publishNotReadyAddresses").asBoolean());
        JsonNode management = base.kind("Service", "fleetsim-management");
        assertEquals("true", management.path("metadata").path("annotations").path("prometheus.io/scrape").asText());
        assertEquals(Integer.toString(port(container(), "metrics")),
                management.path("metadata").path("annotations").path("prometheus.io/port").asText());
        assertEquals(Integer.parseInt(value("FLEETSIM_METRICS_PORT")), port(container(), "metrics"));
        assertEquals("/metrics", management.path("metadata").path("annotations").path("prometheus.io/path").asText());
    }

    @Test
    void roleMayOnlyReadPodsAndIsBoundToThePodsAccount() {
        JsonNode rules = base.kind("Role", "fleetsim-pod-reader").path("rules");
        assertEquals(1, rules.size());
        assertEquals("pods", rules.get(0).path("resources").get(0).asText());
        assertEquals(Set.of("get", "watch", "list"), new HashSet<>(strings(rules.get(0).path("verbs"))));
        JsonNode binding = base.kind("RoleBinding", "fleetsim-pod-reader");
        assertEquals("fleetsim-pod-reader", binding.path("roleRef").path("name").asText());
        String account = podSpec(base.statefulSet()).path("serviceAccountName").asText();
        assertEquals(account, binding.path("subjects").get(0).path("name").asText());
        base.kind("ServiceAccount", account);
    }

    @Test
    void everyPodMeetsPodSecurityRestricted() throws Exception {
        for (JsonNode workload : List.of(base.statefulSet(), job,
                KubernetesManifests.file("results-reader.yaml").kind("Pod", "fleetsim-results"))) {
            String name = workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText();
            JsonNode pod = podSpec(workload);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name);
            assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0, name);
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(),
                    name);
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertTrue(security.path("allowPrivilegeEscalation").isBoolean(), name);
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(), name);
                assertEquals(List.of("ALL"), strings(security.path("capabilities").path("drop")), name);
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name);
                assertEquals(container.path("resources").path("requests").path("memory").asText(),
                        container.path("resources").path("limits").path("memory").asText(),
                        name + ": memory request equals limit, so the pod is not evicted for using what it asked for");
            }
            for (JsonNode volume : pod.path("volumes")) {
                assertTrue(volume.has("emptyDir") || volume.has("persistentVolumeClaim"), name + ": " + volume);
            }
        }
    }

    @Test
    void studyJobNamesSeedsThePodsResolveToAndWritesToTheClaim() throws Exception {
        JsonNode submit = podSpec(job).path("containers").get(0);
        List<String> args = strings(submit.path("args"));
        String service = base.statefulSet().path("spec").path("serviceName").asText();
        String seeds = args.get(args.indexOf("--cluster") + 1);
        for (String seed : seeds.split(",")) {
            int ordinal = Integer.parseInt(seed.substring(KubernetesManifests.STATEFUL_SET.length() + 1,
                    seed.indexOf('.')));
            assertTrue(ordinal < replicas(), seed);
            assertEquals(KubernetesManifests.STATEFUL_SET + "-" + ordinal + "." + service + ":"
                    + value("FLEETSIM_PORT"), seed);
        }
        assertEquals("status.podIP",
                env(submit, "FLEETSIM_HOST").path("valueFrom").path("fieldRef").path("fieldPath").asText());
        assertTrue(job.path("spec").path("ttlSecondsAfterFinished").asInt() > 0);
        String claim = claimMountedAt(podSpec(job), submit, args.get(args.indexOf("--out") + 1));
        base.kind("PersistentVolumeClaim", claim);
        JsonNode reader = KubernetesManifests.file("results-reader.yaml").kind("Pod", "fleetsim-results");
        assertEquals(claim, claimMountedAt(podSpec(reader), podSpec(reader).path("containers").get(0), "/results"));
    }

    /** The claim of the volume that {@code container} mounts at a prefix of {@code path}. */
    private static String claimMountedAt(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (path.startsWith(mount.path("mountPath").asText())) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        return volume.path("persistentVolumeClaim").path("claimName").asText();
                    }
                }
            }
        }
        throw new AssertionError("nothing mounted at " + path);
    }

    @Test
    void disruptionBudgetKeepsTheMajorityTheSplitBrainResolverNeeds() {
        JsonNode budget = base.kind("PodDisruptionBudget", "fleetsim").path("spec");
        assertEquals(base.statefulSet().path("spec").path("template").path("metadata").path("labels"),
                budget.path("selector").path("matchLabels"));
        assertEquals("keep-majority", APP.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertTrue(replicas() - budget.path("maxUnavailable").asInt() > replicas() / 2);
    }

    @Test
    void imageExitsOnOutOfMemoryAndItsBuildContextIsTheJar() throws Exception {
        assertTrue(KubernetesManifests.entrypoint().contains("-XX:+ExitOnOutOfMemoryError"));
        assertEquals(List.of("*", "!fleet-node/target/fleetsim.jar"),
                Files.readAllLines(Path.of("..", ".dockerignore")).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        assertTrue(Files.readString(KubernetesManifests.K8S.resolve("Dockerfile"))
                .contains("COPY fleet-node/target/fleetsim.jar "));
    }
}
