package dev.fleetsim.node.actor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.WholeRuns;
import dev.fleetsim.node.study.RunConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/**
 * The main engine: hosts and guests as sharded Pekko entities, driven by the coordinator singleton. {@link
 * #embedded()} is a one-node cluster in this JVM (loopback only) that hosts everything; {@link #client} joins a
 * running cluster as a member with the role {@code client}, which holds no shards, and only submits and collects.
 */
public final class ActorEngine implements FleetEngine, WholeRuns, AutoCloseable {

    private final ActorSystem<Void> system;
    private final ActorRef<StudyCoordinator.Command> coordinator;
    private final Duration stallTimeout;
    private final int resubmits;
    private final boolean embedded;

    private ActorEngine(ActorSystem<Void> system, boolean embedded) {
        this.system = system;
        this.embedded = embedded;
        this.coordinator = Guardian.start(system);
        this.stallTimeout = system.settings().config().getDuration("fleetsim.cluster.stall-timeout");
        this.resubmits = system.settings().config().getInt("fleetsim.cluster.resubmits");
    }

    /** A one-node cluster in this JVM that joins itself. */
    public static ActorEngine embedded() {
        return embedded(ConfigFactory.load());
    }

    public static ActorEngine embedded(Config config) {
        Config embedded = config.getConfig("fleetsim.embedded").withFallback(config);
        ActorSystem<Void> system = ActorSystem.create(Guardian.create(), Guardian.SYSTEM_NAME, embedded);
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return new ActorEngine(system, true);
    }

    /**
     * Joins the cluster at {@code seedNodes} ({@code host:port} each, names resolved to the IP addresses members
     * advertise) to submit studies to it, reachable at {@code host} on a free port; no node answering within
     * {@code joinTimeout} is bad input (an address with nothing listening), not a wait forever.
     */
    public static ActorEngine client(List<String> seedNodes, String host, Duration joinTimeout) {
        List<Address> seeds = ClusterAddresses.members(seedNodes, "--cluster");
        Config config = ConfigFactory.parseString("pekko.cluster.roles = [client]\n"
                + "pekko.remote.artery.canonical.hostname = \"" + ClusterAddresses.requireIp(host, "--host") + "\"")
                .withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Guardian.create(), Guardian.SYSTEM_NAME, config);
        CompletableFuture<Void> up = new CompletableFuture<>();
        org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> up.complete(null));
        Cluster.get(system).manager().tell(new JoinSeedNodes(seeds));
        try {
            up.get(joinTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
            throw new BadInputException("--cluster " + String.join(",", seedNodes) + ": no node answered within "
                    + joinTimeout.toSeconds() + " s (--join-timeout); start one with 'fleetsim node' or check "
                    + "the address");
        } catch (InterruptedException | ExecutionException e) {
            system.terminate();
            throw new IllegalStateException("joining the cluster was interrupted", e);
        }
        return new ActorEngine(system, false);
    }

    @Override
    public ScenarioResult run(RunConfig study, Progress progress) {
        // unique across every client of the cluster, and short: it is part of every entity id of the run
        String run = UUID.randomUUID().toString();
        CompletableFuture<ScenarioResult> result = new CompletableFuture<>();
        system.systemActorOf(ScenarioClient.create(coordinator, run, study, progress, stallTimeout, resubmits,
                        result),
                "scenario-" + run, Props.empty());
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** A client's runs are spread over the cluster's racks; an embedded engine's stay in this JVM. */
    @Override
    public String node() {
        return embedded ? FinishedRun.LOCAL : FinishedRun.CLUSTER;
    }

    /** Queues the runs at the sweep coordinator, which hands each whole to a free slot of some node. */
    @Override
    public List<CompletableFuture<FinishedRun>> submit(List<RunConfig> runs) {
        String sweep = UUID.randomUUID().toString();
        List<CompletableFuture<FinishedRun>> results = new ArrayList<>();
        runs.forEach(run -> results.add(new CompletableFuture<>()));
        if (!runs.isEmpty()) {
            system.systemActorOf(SweepClient.create(Guardian.sweepCoordinator(system), sweep, List.copyOf(runs),
                    results, stallTimeout, resubmits), "sweep-" + sweep, Props.empty());
        }
        return results;
    }

    @Override
    public void close() {
        if (embedded) {
            // alone in its cluster there is no one to hand anything over to: downing skips the leave handshake
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(new Down(cluster.selfMember().address()));
        } else {
            system.terminate();
        }
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
