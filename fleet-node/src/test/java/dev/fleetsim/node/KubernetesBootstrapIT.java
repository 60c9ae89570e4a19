package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StatefulSet of {@code k8s/} started as Kubernetes would start it: one node JVM per replica, each on its own
 * loopback address as its pod IP, with the container's args and environment from {@code kubectl kustomize} (field
 * references and {@code $(VAR)} resolved as the kubelet does), the image's ENTRYPOINT, the service-account files
 * and {@code KUBERNETES_SERVICE_*} variables of a pod, a fake Kubernetes API that lists the pods the label
 * selector matches, and a DNS that knows the headless Service's pod names. The pods must form one cluster through
 * Cluster Bootstrap, and the study Job's command must get results byte-identical to a one-node run.
 */
class KubernetesBootstrapIT {

    private static final String NAMESPACE = "fleetsim-test";
    private static final List<String> TEST_JVM = List.of("-Xmx512m");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** One pod: its name and IP, for field references. */
    private record PodIdentity(String name, String ip) {
    }

    @Test
    void podsFormOneClusterThroughTheKubernetesApiAndTheJobsStudyMatchesOneNode() throws Exception {
        KubernetesManifests base = KubernetesManifests.base();
        JsonNode set = base.statefulSet();
        JsonNode template = set.path("spec").path("template");
        JsonNode container = base.nodeContainer();
        int replicas = set.path("spec").path("replicas").asInt();
        String service = set.path("spec").path("serviceName").asText();
        // pod IPs on loopback, away from 127.0.0.1 where other tests bind
        int first = ThreadLocalRandom.current().nextInt(16, 240);
        List<PodIdentity> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            pods.add(new PodIdentity(set.path("metadata").path("name").asText() + "-" + i, "127.0.0." + (first + i)));
        }
        PodIdentity jobPod = new PodIdentity("fleetsim-study-x1", "127.0.0." + (first + replicas));
        Path hosts = dir.resolve("hosts");
        StringBuilder dns = new StringBuilder("127.0.0.1 localhost\n");
        pods.forEach(p -> dns.append(p.ip()).append(' ').append(p.name()).append('.').append(service).append('\n'));
        Files.writeString(hosts, dns);

        List<FakeKubernetesApi.Pod> listed = pods.stream().map(p -> new FakeKubernetesApi.Pod(p.name(), p.ip(),
                template.path("metadata").path("labels"), template.path("spec"))).toList();
        try (FakeKubernetesApi api = FakeKubernetesApi.start(dir.resolve("serviceaccount"), NAMESPACE, listed);
                Jvms jvms = new Jvms(dir)) {
            List<String> jvmOptions = new ArrayList<>(TEST_JVM);
            jvmOptions.addAll(api.jvmOptions());
            jvmOptions.add("-Djdk.net.hosts.file=" + hosts);
            List<Process> nodes = new ArrayList<>();
            for (PodIdentity pod : pods) {
                Map<String, String> env = new LinkedHashMap<>(api.env());
                env.putAll(containerEnv(container, pod));
                nodes.add(jvms.start(pod.name(), command(jvmOptions, container, env), env));
            }
            String readyPath = container.path("readinessProbe").path("httpGet").path("path").asText();
            int management = KubernetesManifests.port(container,
                    container.path("readinessProbe").path("httpGet").path("port").asText());
            for (int i = 0; i < replicas; i++) {
                jvms.awaitOk("http://" + pods.get(i).ip() + ":" + management + readyPath, nodes.get(i),
                        pods.get(i).name(), 120);
            }
            TreeSet<String> expected = new TreeSet<>();
            int remoting = KubernetesManifests.port(container, "remoting");
            pods.forEach(p -> expected.add("pekko://fleetsim@" + p.ip() + ":" + remoting));
            for (PodIdentity pod : pods) {
                assertEquals(expected, upMembers(pod.ip(), management, expected),
                        "members Up as " + pod.name() + " sees them");
            }
            assertTrue(!api.selectorsAsked().isEmpty(), "the pods were found through the API");

            Path results = dir.resolve("results");
            JsonNode job = KubernetesManifests.file("study-job.yaml").kind("Job", "fleetsim-study");
            JsonNode submit = KubernetesManifests.podSpec(job).path("containers").get(0);
            List<String> jobCommand = command(jvmOptions, submit, containerEnv(submit, jobPod)).stream()
                    .map(a -> a.startsWith(mountPath(submit)) ? results + a.substring(mountPath(submit).length()) : a)
                    .toList();
            Process client = jvms.start("job", jobCommand, containerEnv(submit, jobPod));
            assertTrue(client.waitFor(600, TimeUnit.SECONDS), "the study did not finish in 10 min: " + jvms.err("job"));
            assertEquals(0, client.exitValue(), jvms.err("job"));

            Path reference = dir.resolve("reference");
            assertEquals(0, FleetsimCommand.commandLine().execute("run", "--engine", "sequential", "--out",
                    reference.toString()));
            Path out = results.resolve(Path.of(mountPath(submit)).relativize(Path.of(outArg(submit))));
            assertSameFiles(reference, out);
        }
    }

    /** The container's environment as the kubelet gives it: field references and {@code $(VAR)} resolved. */
    private static Map<String, String> containerEnv(JsonNode container, PodIdentity pod) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String field = e.path("valueFrom").path("fieldRef").path("fieldPath").asText(null);
            String value = field == null ? expand(e.path("value").asText(), env) : switch (field) {
                case "metadata.name" -> pod.name();
                case "metadata.namespace" -> NAMESPACE;
                case "status.podIP" -> pod.ip();
                default -> throw new AssertionError("field reference this test does not give: " + field);
            };
            env.put(e.path("name").asText(), value);
        }
        return env;
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    /** Kubernetes' {@code $(VAR)}: a variable defined earlier is substituted, any other reference is left as is. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** The image's ENTRYPOINT with this test's JVM and jar, then the container's args. */
    private static List<String> command(List<String> jvmOptions, JsonNode container, Map<String, String> env)
            throws IOException {
        List<String> entrypoint = KubernetesManifests.entrypoint();
        assertEquals("java", entrypoint.get(0));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        entrypoint.stream().skip(1).map(a -> a.equals("/app/fleetsim.jar") ? Jvms.JAR.toString() : a)
                .forEach(command::add);
        KubernetesManifests.strings(container.path("args")).forEach(a -> command.add(expand(a, env)));
        return command;
    }

    /** Where the volume that the study's results go to is mounted. */
    private static String mountPath(JsonNode container) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (outArg(container).startsWith(mount.path("mountPath").asText() + "/")) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("--out is on no volume");
    }

    private static String outArg(JsonNode container) {
        List<String> args = KubernetesManifests.strings(container.path("args"));
        return args.get(args.indexOf("--out") + 1);
    }

    /** The members that the node at {@code ip} sees Up, from Pekko Management's cluster HTTP API. */
    private static TreeSet<String> upMembers(String ip, int management, TreeSet<String> expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TreeSet<String> up = new TreeSet<>();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + management
                    + "/cluster/members")).build(), HttpResponse.BodyHandlers.ofString()).body();
            up.clear();
            for (JsonNode member : new ObjectMapper().readTree(body).path("members")) {
                if (member.path("status").asText().equals("Up")) {
                    up.add(member.path("node").asText());
                }
            }
            if (up.equals(expected)) {
                return up;
            }
            Thread.sleep(250);
        }
        return up;
    }

    /**
     * The same files, byte for byte, except for what records how and where they were made: the command line
     * ({@code study.json}, the report's footer), and each run's {@link Studies#EXECUTION_KEYS} ({@code run.json}).
     */
    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(expected)) {
            files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(actual)) {
            assertEquals(files, walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList());
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (PROVENANCE.containsKey(name)) {
                assertEquals(withoutProvenance(name, expected.resolve(file)),
                        withoutProvenance(name, actual.resolve(file)), file + " differs");
            } else {
                assertEquals(-1, Files.mismatch(expected.resolve(file), actual.resolve(file)), file + " differs");
            }
        }
    }

    private static final Map<String, Pattern> PROVENANCE = Map.of(
            "study.json", Pattern.compile("(?m)^\\s*\"commandLine\" : .*$"),
            "run.json", Pattern.compile("(?m)^\\s*\"(" + String.join("|", Studies.EXECUTION_KEYS) + ")\" : .*$"),
            "report.html", Pattern.compile("(?s)<footer id=\"made\">.*</footer>"));

    private static String withoutProvenance(String name, Path file) throws IOException {
        return PROVENANCE.get(name).matcher(Files.readString(file)).replaceAll("");
    }
}
