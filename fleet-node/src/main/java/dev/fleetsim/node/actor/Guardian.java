package dev.fleetsim.node.actor;

import dev.fleetsim.guest.actor.GuestActor;
import dev.fleetsim.host.actor.HostActor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;

/** The root of a fleetsim node: starts sharding for hosts and guests and the coordinator singleton. */
public final class Guardian {

    private Guardian() {
    }

    public static Behavior<Void> create() {
        return Behaviors.setup(context -> {
            HostActor.initSharding(context.getSystem());
            GuestActor.initSharding(context.getSystem());
            ClusterSingleton.get(context.getSystem()).init(StudyCoordinator.singleton());
            return Behaviors.empty();
        });
    }
}
