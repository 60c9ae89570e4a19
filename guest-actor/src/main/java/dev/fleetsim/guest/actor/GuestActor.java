package dev.fleetsim.guest.actor;

import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.actor.HostActor;
import dev.fleetsim.host.actor.HostShards;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One VM, as a sharded entity in its host's shard: it runs the guest model once to get its whole life as steps,
 * admits itself to its host with them, and when the host says the VM has ended, reports the outcome and stops.
 */
public final class GuestActor extends AbstractBehavior<GuestActor.Command> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Guest");

    /** Starts sharding for guests, keyed and allocated like hosts so a guest's messages to its host stay local. */
    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create())
                .withMessageExtractor(HostShards.<Command>extractor())
                .withAllocationStrategy(new HostShards.Colocating(system)));
    }

    public sealed interface Command extends GuestMessage {
    }

    /** Boot on host {@code hostId} of {@code run}; report the VM's outcome to {@code reportTo}. */
    public record Boot(String run, long hostId, GuestAssignment assignment,
                       ActorRef<HostSimulation.Outcome> reportTo) implements Command {
    }

    private record VmEnded(HostSimulation.Outcome outcome) implements Command {
    }

    private ActorRef<HostSimulation.Outcome> reportTo;

    public static Behavior<Command> create() {
        return Behaviors.setup(GuestActor::new);
    }

    private GuestActor(ActorContext<Command> context) {
        super(context);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Boot.class, this::onBoot)
                .onMessage(VmEnded.class, this::onVmEnded)
                .build();
    }

    private Behavior<Command> onBoot(Boot boot) {
        reportTo = boot.reportTo();
        ActorRef<HostSimulation.Outcome> self = getContext().messageAdapter(HostSimulation.Outcome.class,
                VmEnded::new);
        ClusterSharding.get(getContext().getSystem())
                .entityRefFor(HostActor.TYPE_KEY, HostShards.hostEntityId(boot.run(), boot.hostId()))
                .tell(new HostActor.Admit(boot.assignment().admission(), self));
        return this;
    }

    private Behavior<Command> onVmEnded(VmEnded ended) {
        reportTo.tell(ended.outcome());
        return Behaviors.stopped();
    }
}
