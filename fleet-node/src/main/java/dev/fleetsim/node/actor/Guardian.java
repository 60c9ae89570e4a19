package dev.fleetsim.node.actor;

import dev.fleetsim.guest.actor.GuestActor;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.node.metrics.NodeMetrics;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;

/**
 * The root of a fleetsim node: starts sharding for hosts and guests and the coordinator singleton. On a member
 * without the {@code node} role (a submitting client) the same calls start only proxies.
 */
public final class Guardian {

    /** Every member of a fleetsim cluster runs an actor system of this name. */
    public static final String SYSTEM_NAME = "fleetsim";

    private Guardian() {
    }

    public static Behavior<Void> create() {
        return Behaviors.setup(context -> {
            HostRack.initSharding(context.getSystem(), GuestActor::boot);
            ClusterSingleton.get(context.getSystem()).init(StudyCoordinator.singleton());
            NodeMetrics.TYPES.forEach(type -> context.spawn(NodeMetrics.poller(type), "shard-metrics-" + type.name()));
            return Behaviors.empty();
        });
    }
}
