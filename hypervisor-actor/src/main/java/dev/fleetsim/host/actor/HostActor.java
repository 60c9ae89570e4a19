package dev.fleetsim.host.actor;

import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One host of a scenario run, as a sharded entity: it holds the {@link HostSimulation} and moves it window by
 * window when the coordinator says so. Guests admit themselves; the coordinator tells the host how many admissions
 * to have before a window may run, and the host stashes the window until they are in, so no guest is late for
 * its arrival whatever order messages take.
 */
public final class HostActor extends AbstractBehavior<HostActor.Command> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Host");

    /** Starts sharding for hosts (the set-up could live elsewhere; the host itself does not depend on it). */
    public static void initSharding(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create())
                .withMessageExtractor(HostShards.<Command>extractor())
                .withAllocationStrategy(new HostShards.Colocating(system)));
    }

    public sealed interface Command extends HostMessage {
    }

    /** The first message of a run: what this host is; {@code run} is echoed in every reply. */
    public record Start(String run, long hostId, HostSetup setup) implements Command {
    }

    /** A guest joins, with its whole life; outcomes go to {@code guest} when its VM ends. */
    public record Admit(HostSimulation.Admission admission, ActorRef<HostSimulation.Outcome> guest)
            implements Command {
    }

    /** Run every event before {@code windowEnd}, once {@code admissions} guests in all have been admitted. */
    public record AdvanceTo(long windowEnd, long admissions, ActorRef<WindowDone> replyTo) implements Command {
    }

    /** End the run at {@code durationNanos}: every remaining VM ends; then the host stops. */
    public record Finish(long durationNanos, long admissions, ActorRef<Finished> replyTo) implements Command {
    }

    /** Reply: the host as of the window's end. */
    public record WindowDone(String run, HostSimulation.Snapshot snapshot) implements HostMessage {
    }

    /** Reply: the host over the whole run. */
    public record Finished(String run, HostSimulation.Summary summary) implements HostMessage {
    }

    /** Bounds what a host holds back before its Start: a boot storm's admissions. */
    private static final int STASH = 1_000_000;

    private final StashBuffer<Command> stash;
    private final Map<Long, ActorRef<HostSimulation.Outcome>> guests = new HashMap<>();
    private HostSimulation simulation;
    private String run;
    private long admitted;

    public static Behavior<Command> create() {
        return Behaviors.withStash(STASH, stash -> Behaviors.setup(ctx -> new HostActor(ctx, stash)));
    }

    private HostActor(ActorContext<Command> context, StashBuffer<Command> stash) {
        super(context);
        this.stash = stash;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, this::onStart)
                .onMessage(Admit.class, this::onAdmit)
                .onMessage(AdvanceTo.class, this::onAdvanceTo)
                .onMessage(Finish.class, this::onFinish)
                .build();
    }

    private Behavior<Command> onStart(Start start) {
        simulation = start.setup().simulation(start.hostId());
        run = start.run();
        return stash.unstashAll(this);
    }

    private Behavior<Command> onAdmit(Admit admit) {
        if (simulation == null) {
            stash.stash(admit);
            return this;
        }
        guests.put(admit.admission().vmId(), admit.guest());
        simulation.admit(admit.admission());
        admitted++;
        return stash.isEmpty() ? this : stash.unstashAll(this);
    }

    private Behavior<Command> onAdvanceTo(AdvanceTo advance) {
        if (simulation == null || admitted < advance.admissions()) {
            stash.stash(advance);
            return this;
        }
        simulation.advanceTo(advance.windowEnd()).forEach(this::tellGuest);
        advance.replyTo().tell(new WindowDone(run, simulation.snapshot()));
        return this;
    }

    private Behavior<Command> onFinish(Finish finish) {
        if (simulation == null || admitted < finish.admissions()) {
            stash.stash(finish);
            return this;
        }
        simulation.advanceTo(Long.MAX_VALUE).forEach(this::tellGuest);
        finish.replyTo().tell(new Finished(run, simulation.summary(finish.durationNanos())));
        return Behaviors.stopped();
    }

    private void tellGuest(HostSimulation.Outcome outcome) {
        guests.remove(outcome.vmId()).tell(outcome);
    }
}
