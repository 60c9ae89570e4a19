package dev.fleetsim.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.actor.ClusterAddresses;
import dev.fleetsim.node.actor.Guardian;
import dev.fleetsim.node.metrics.MetricsEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetsim node}: one member of a fleetsim cluster. It hosts shards of hosts and guests and may hold the
 * coordinator; it joins by seed nodes (local use) or by Cluster Bootstrap (Kubernetes), serves Pekko Management's
 * health endpoints, and leaves gracefully (shards handed off) on SIGTERM.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Start a cluster member that hosts shards; studies are submitted with run --cluster.")
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:FLEETSIM_HOST:-127.0.0.1}",
            description = "IP address to bind and advertise for cluster and management; on Kubernetes the pod IP, "
                    + "which API discovery reports (env FLEETSIM_HOST, default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "${env:FLEETSIM_PORT:-2551}",
            description = "cluster port (env FLEETSIM_PORT, default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--seed-nodes", split = ",", defaultValue = "${env:FLEETSIM_SEED_NODES:-127.0.0.1:2551}",
            description = "host:port of seed nodes, names resolved to the IP addresses they advertise "
                    + "(env FLEETSIM_SEED_NODES, default ${DEFAULT-VALUE})")
    List<String> seedNodes;

    @Option(names = "--management-port", defaultValue = "${env:FLEETSIM_MANAGEMENT_PORT:-8558}",
            description = "Pekko Management HTTP port, /alive and /ready (env FLEETSIM_MANAGEMENT_PORT, "
                    + "default ${DEFAULT-VALUE})")
    int managementPort;

    @Option(names = "--metrics-port", defaultValue = "${env:FLEETSIM_METRICS_PORT:-9464}",
            description = "Prometheus /metrics port, 0 for none (env FLEETSIM_METRICS_PORT, default ${DEFAULT-VALUE})")
    int metricsPort;

    // A plain boolean flag given with an env default of true would be toggled off by picocli: --bootstrap always
    // means on, and --bootstrap=false off, whatever the environment says.
    @Option(names = "--bootstrap", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            defaultValue = "${env:FLEETSIM_BOOTSTRAP:-false}",
            description = "join through Cluster Bootstrap with Kubernetes API discovery instead of seed nodes "
                    + "(env FLEETSIM_BOOTSTRAP, default ${DEFAULT-VALUE})")
    boolean bootstrap;

    @Option(names = "--slots", defaultValue = "${env:FLEETSIM_SLOTS:-0}",
            description = "whole runs of a sweep this node runs at once, 0 for one per core (env FLEETSIM_SLOTS)")
    int slots;

    @Option(names = "--required-contact-points", defaultValue = "${env:FLEETSIM_REQUIRED_CONTACT_POINTS:-2}",
            description = "with --bootstrap: pods that must be discovered before the lowest-addressed one forms a new "
                    + "cluster; the StatefulSet's replica count (env FLEETSIM_REQUIRED_CONTACT_POINTS, "
                    + "default ${DEFAULT-VALUE})")
    int requiredContactPoints;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        host = ClusterAddresses.requireIp(host, "--host");
        requireFree(port, "--port");
        requireFree(managementPort, "--management-port");
        if (metricsPort > 0) {
            MetricsEndpoint.start(host, metricsPort);
        }
        ActorSystem<Void> system = ActorSystem.create(Guardian.create(), Guardian.SYSTEM_NAME, config());
        PekkoManagement.get(system).start();
        if (bootstrap) {
            ClusterBootstrap.get(system).start();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("fleetsim node up: pekko://%s@%s:%d, management http://%s:%d, metrics http://%s:%d/metrics%n",
                Guardian.SYSTEM_NAME, host, port, host, managementPort, host, metricsPort);
        out.println(bootstrap ? "joining by Cluster Bootstrap: Kubernetes API discovery of pods "
                + system.settings().config().getString("pekko.discovery.kubernetes-api.pod-label-selector")
                        .formatted(system.settings().config().getString(
                                "pekko.management.cluster.bootstrap.contact-point-discovery.service-name"))
                + ", " + requiredContactPoints + " required to form a new cluster"
                : "joining seed nodes " + String.join(",", seedNodes));
        out.flush();
        // SIGTERM runs coordinated shutdown from the JVM's hook: leave, hand shards off, then say so
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "report-left",
                () -> {
                    out.println("fleetsim node left the cluster");
                    out.flush();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }

    /**
     * A port this node would bind, tried first: Pekko reports a taken cluster port with pages of stack traces and
     * a taken management port not at all (the node runs on without health endpoints).
     */
    private void requireFree(int candidate, String flag) {
        if (candidate == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, candidate));
        } catch (IOException e) {
            throw new BadInputException(flag + " " + candidate + ": cannot bind " + host + ":" + candidate + " ("
                    + e.getMessage() + "); another process has it, choose another " + flag);
        }
    }

    private Config config() {
        List<String> seeds = bootstrap ? List.of()
                : ClusterAddresses.members(seedNodes, "--seed-nodes").stream().map(Address::toString).toList();
        return ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.management.http.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.management.http.port", ConfigValueFactory.fromAnyRef(managementPort))
                .withValue("fleetsim.node.slots", ConfigValueFactory.fromAnyRef(slots))
                .withValue("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr",
                        ConfigValueFactory.fromAnyRef(requiredContactPoints))
                .withFallback(ConfigFactory.load());
    }
}
