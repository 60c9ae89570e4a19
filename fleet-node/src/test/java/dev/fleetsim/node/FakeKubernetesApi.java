package dev.fleetsim.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one call of the Kubernetes API that Cluster Bootstrap's discovery makes, {@code GET
 * /api/v1/namespaces/{namespace}/pods?labelSelector=...}, served over HTTPS with a test CA to a client holding the
 * service-account token. Pods are listed only if their labels match the selector; anything else is refused, as the
 * real API (and the Role, which is bound in one namespace) would.
 */
final class FakeKubernetesApi implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A running pod: its name, IP, labels and spec as the StatefulSet's template gives them. */
    record Pod(String name, String ip, JsonNode labels, JsonNode spec) {
    }

    private final HttpsServer server;
    private final Path serviceAccount;
    private final String namespace;
    private final String token = UUID.randomUUID().toString();
    private final List<Pod> pods;
    private final List<String> selectorsAsked = new CopyOnWriteArrayList<>();

    private FakeKubernetesApi(Path serviceAccount, String namespace, List<Pod> pods) throws Exception {
        this.serviceAccount = serviceAccount;
        this.namespace = namespace;
        this.pods = pods;
        TestCa ca = TestCa.forServerAt(HOST);
        // what the kubelet mounts into every pod at /var/run/secrets/kubernetes.io/serviceaccount
        Files.createDirectories(serviceAccount);
        Files.writeString(serviceAccount.resolve("ca.crt"), ca.caPem());
        Files.writeString(serviceAccount.resolve("token"), token);
        Files.writeString(serviceAccount.resolve("namespace"), namespace);
        server = HttpsServer.create(new InetSocketAddress(HOST, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code pods} in {@code namespace}; writes the service account's files into {@code serviceAccount}. */
    static FakeKubernetesApi start(Path serviceAccount, String namespace, List<Pod> pods) throws Exception {
        return new FakeKubernetesApi(serviceAccount, namespace, pods);
    }

    /** The variables the kubelet sets in every container, naming the API server. */
    Map<String, String> env() {
        return Map.of("KUBERNETES_SERVICE_HOST", HOST,
                "KUBERNETES_SERVICE_PORT", Integer.toString(server.getAddress().getPort()));
    }

    /** Points discovery at this pod's service-account files instead of the path the kubelet mounts them at. */
    List<String> jvmOptions() {
        return List.of(
                "-Dpekko.discovery.kubernetes-api.api-ca-path=" + serviceAccount.resolve("ca.crt"),
                "-Dpekko.discovery.kubernetes-api.api-token-path=" + serviceAccount.resolve("token"),
                "-Dpekko.discovery.kubernetes-api.pod-namespace-path=" + serviceAccount.resolve("namespace"));
    }

    /** The label selectors pods were listed with, in order. */
    List<String> selectorsAsked() {
        return selectorsAsked;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "Unauthorized");
            } else if (!exchange.getRequestMethod().equals("GET")
                    || !exchange.getRequestURI().getPath().equals("/api/v1/namespaces/" + namespace + "/pods")) {
                reply(exchange, 403, "forbidden: the Role may only read pods in " + namespace);
            } else {
                String query = exchange.getRequestURI().getQuery();
                String selector = query != null && query.startsWith("labelSelector=")
                        ? query.substring("labelSelector=".length()) : "";
                selectorsAsked.add(selector);
                reply(exchange, 200, JSON.writeValueAsString(podList(selector)));
            }
        }
    }

    private ObjectNode podList(String selector) {
        ObjectNode list = JSON.createObjectNode().put("kind", "PodList").put("apiVersion", "v1");
        ArrayNode items = list.putArray("items");
        for (Pod pod : pods) {
            if (matches(selector, pod.labels())) {
                ObjectNode item = items.addObject();
                item.putObject("metadata").put("name", pod.name()).put("namespace", namespace)
                        .set("labels", pod.labels());
                item.set("spec", pod.spec());
                item.putObject("status").put("phase", "Running").put("podIP", pod.ip());
            }
        }
        return list;
    }

    /** Equality selectors ({@code k=v,k2=v2}), the only kind the manifests use. */
    private static boolean matches(String selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return true;
        }
        for (String term : selector.split(",")) {
            String[] kv = term.split("==?", 2);
            if (kv.length != 2 || !labels.path(kv[0]).asText().equals(kv[1])) {
                return false;
            }
        }
        return true;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
