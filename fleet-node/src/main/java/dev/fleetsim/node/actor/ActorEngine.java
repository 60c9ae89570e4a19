package dev.fleetsim.node.actor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.StudyConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;

/**
 * The main engine: hosts and guests as sharded Pekko entities, driven by the coordinator singleton. {@link
 * #embedded()} starts a one-node cluster in this JVM (bound to loopback only).
 */
public final class ActorEngine implements FleetEngine, AutoCloseable {

    private static final Duration NO_TIMEOUT = Duration.ofDays(1);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final ActorSystem<Void> system;
    private final ActorRef<StudyCoordinator.Command> coordinator;

    private ActorEngine(ActorSystem<Void> system) {
        this.system = system;
        this.coordinator = ClusterSingleton.get(system).init(StudyCoordinator.singleton());
    }

    /** A one-node cluster in this JVM that joins itself. */
    public static ActorEngine embedded() {
        return embedded(ConfigFactory.load());
    }

    public static ActorEngine embedded(Config config) {
        ActorSystem<Void> system = ActorSystem.create(Guardian.create(), "fleetsim", config);
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return new ActorEngine(system);
    }

    @Override
    public ScenarioResult run(StudyConfig study, Progress progress) {
        String runId = study.scenario() + "-" + RUNS.incrementAndGet();
        // The last window always reaches the study's end, so the listener stops itself there.
        ActorRef<StudyCoordinator.Progressed> listener = system.systemActorOf(
                Behaviors.receiveMessage(p -> {
                    progress.window(p.reachedNanos(), p.vmsEnded());
                    return p.reachedNanos() >= study.durationNanos() ? Behaviors.stopped() : Behaviors.same();
                }), "progress-" + runId, Props.empty());
        return AskPattern.<StudyCoordinator.Command, StudyCoordinator.ScenarioDone>ask(coordinator,
                        replyTo -> new StudyCoordinator.RunScenario(runId, study, replyTo, listener), NO_TIMEOUT,
                        system.scheduler())
                .toCompletableFuture().join().result();
    }

    public ActorSystem<Void> system() {
        return system;
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
