package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The manifests under {@code k8s/} as Kubernetes receives them: the base rendered by {@code kubectl kustomize},
 * and the files applied on their own ({@code kubectl apply -f}). Without kubectl the tests that need it are
 * skipped, and fail under CI ({@code .ci/run} installs Debian's kubernetes-client).
 */
final class KubernetesManifests {

    static final Path K8S = Path.of("..", "k8s");
    static final String STATEFUL_SET = "fleetsim";

    private final List<JsonNode> docs;

    private KubernetesManifests(List<JsonNode> docs) {
        this.docs = docs;
    }

    /** The base, rendered. */
    static KubernetesManifests base() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", K8S.toString()).redirectErrorStream(true).start();
        } catch (IOException noKubectl) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("kubectl is needed to render k8s/ (Debian: kubernetes-client)", noKubectl);
            }
            Assumptions.abort("no kubectl to render k8s/ with");
            throw noKubectl;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return parse(out);
    }

    /** A file applied on its own, such as {@code study-job.yaml}. */
    static KubernetesManifests file(String name) throws IOException {
        return parse(Files.readString(K8S.resolve(name)));
    }

    /** The image's ENTRYPOINT, from {@code k8s/Dockerfile}. */
    static List<String> entrypoint() throws IOException {
        String line = Files.readAllLines(K8S.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ENTRYPOINT in k8s/Dockerfile"));
        return strings(new ObjectMapper().readTree(line.substring("ENTRYPOINT ".length())));
    }

    private static KubernetesManifests parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return new KubernetesManifests(docs);
    }

    JsonNode kind(String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The pod template's spec of the StatefulSet, or of a Job, or a Pod's spec. */
    static JsonNode podSpec(JsonNode workload) {
        return workload.path("kind").asText().equals("Pod") ? workload.path("spec")
                : workload.path("spec").path("template").path("spec");
    }

    JsonNode statefulSet() {
        return kind("StatefulSet", STATEFUL_SET);
    }

    /** The fleet-node container of the StatefulSet. */
    JsonNode nodeContainer() {
        return podSpec(statefulSet()).path("containers").get(0);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The container's port named {@code name}. */
    static int port(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port " + name);
    }

    /** The container's environment variable {@code name}, as written (a value or a valueFrom). */
    static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name);
    }
}
