package dev.fleetsim.node.actor;

import com.typesafe.config.Config;
import dev.fleetsim.guest.actor.GuestActor;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.node.metrics.NodeMetrics;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;

/**
 * The root of a fleetsim node: starts sharding for hosts and guests, the coordinator singletons and the node's
 * run slots. On a member without the {@code node} role (a submitting client) the same calls start only proxies,
 * and no slots.
 */
public final class Guardian {

    /** Every member of a fleetsim cluster runs an actor system of this name. */
    public static final String SYSTEM_NAME = "fleetsim";

    private Guardian() {
    }

    public static Behavior<Void> create() {
        return Behaviors.setup(context -> {
            start(context.getSystem());
            NodeMetrics.TYPES.forEach(type -> context.spawn(NodeMetrics.poller(type), "shard-metrics-" + type.name()));
            if (Cluster.get(context.getSystem()).selfMember().hasRole(StudyCoordinator.ROLE)) {
                context.spawn(SweepWorker.slots(slots(context.getSystem().settings().config())), "run-slots");
            }
            return Behaviors.empty();
        });
    }

    /**
     * Starts rack sharding, then the coordinator singleton, and returns the singleton's proxy. Both starts are
     * idempotent, and whoever calls first (this guardian's setup or an engine in the same system) starts them in
     * this order: a coordinator whose racks' sharding is not started yet cannot reach them.
     */
    static ActorRef<StudyCoordinator.Command> start(ActorSystem<?> system) {
        HostRack.initSharding(system, GuestActor::boot);
        sweepCoordinator(system);
        return ClusterSingleton.get(system).init(StudyCoordinator.singleton());
    }

    /** The sweep coordinator singleton's proxy (started on the first call). */
    static ActorRef<SweepCoordinator.Command> sweepCoordinator(ActorSystem<?> system) {
        return ClusterSingleton.get(system).init(SweepCoordinator.singleton());
    }

    /** Runs this node takes at once: {@code fleetsim.node.slots}, or one per core if that is 0. */
    static int slots(Config config) {
        int slots = config.getInt("fleetsim.node.slots");
        return slots > 0 ? slots : Runtime.getRuntime().availableProcessors();
    }
}
