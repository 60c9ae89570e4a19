package dev.fleetsim.host.actor;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.GuestImage;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
 * A rack of hosts of a scenario run, as a sharded entity: the hosts of one shard ({@link HostShards#rackOf}), each
 * a {@link HostSimulation}, moved window by window when the coordinator says so. The coordinator talks to racks,
 * not hosts, and a window is one message each way per rack whatever the number of hosts and VMs: the window's new
 * guests ride in with it, the VMs that ended ride back. A window's new guests boot in a child actor of the rack
 * (the {@link GuestLauncher}; racks boot in parallel on the node's dispatcher), which answers with the guests'
 * admissions; the rack runs the window once every guest placed for it has been admitted, so no guest is late for
 * its arrival. One child per window rather than per guest: spawning and stopping an actor is among the actor
 * engine's largest costs after the model itself, and a window places many guests on a rack at fleet scale.
 */
public final class HostRack extends AbstractBehavior<HostRack.Command> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "HostRack");

    /** Boots a window's guests for a rack: a child actor that tells {@code rack} each admission, then stops. */
    @FunctionalInterface
    public interface GuestLauncher {
        Behavior<Void> boot(List<Placement> placements, ActorRef<Command> rack);
    }

    /** Starts sharding for racks; their guests boot with {@code launcher}. */
    public static void initSharding(ActorSystem<?> system, GuestLauncher launcher) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(launcher))
                .withMessageExtractor(HostShards.<Command>extractor())
                .withAllocationStrategy(new HostShards.Colocating(system)));
    }

    public sealed interface Command extends HostMessage {
    }

    /**
     * The first message of a run: rack {@code rack} of {@code racks} of a run with {@code hosts} hosts; {@code run}
     * is echoed. A
     * failure of the rack or of a guest's boot goes to {@code failed}.
     */
    public record Start(String run, int rack, int racks, int hosts, HostSetup setup, ActorRef<Failed> failed)
            implements Command {
    }

    /** A guest placed on host {@code hostId} of this rack. */
    public record Placement(long hostId, GuestImage guest) {
    }

    /** Boot the window's {@code placements}, then run every event before {@code windowEnd}. */
    public record AdvanceTo(long windowEnd, List<Placement> placements, ActorRef<WindowDone> replyTo)
            implements Command {
    }

    /** Booted guests join their hosts: one message for all the guests a boot child booted. */
    public record Admit(List<BootedGuest> guests) implements Command {
    }

    /** A guest booted for host {@code hostId}, with its whole life. */
    public record BootedGuest(long hostId, HostSimulation.Admission admission) {
    }

    /**
     * A guest placed on the rack could not boot ({@code badInput}: as the study sized it; otherwise a bug): the
     * run cannot go on.
     */
    public record BootFailed(String error, boolean badInput) implements Command {

        public static BootFailed of(RuntimeException e) {
            boolean badInput = e instanceof BadInputException;
            return new BootFailed(badInput ? e.getMessage() : e.toString(), badInput);
        }
    }

    /** End the run at {@code durationNanos}: every remaining VM ends; then the rack stops. */
    public record Finish(long durationNanos, ActorRef<Finished> replyTo) implements Command {
    }

    /**
     * Reply: the rack's hosts as of the window's end and the VMs that ended in it. {@code self} lets the
     * coordinator send the rest of the run straight to the rack instead of through its shard region.
     */
    public record WindowDone(String run, int rack, ActorRef<Command> self, List<HostSimulation.Snapshot> snapshots,
                             List<HostSimulation.Outcome> ended) implements HostMessage {
    }

    /**
     * Reply: the run failed on this rack, a guest's boot or a host's simulation ({@code badInput} when the study is
     * the user's to fix). Replaying would fail the same way, so the rack stops.
     */
    public record Failed(String run, int rack, String error, boolean badInput) implements HostMessage {
    }

    /** Reply: the rack's hosts over the whole run and the VMs that ended at its end. */
    public record Finished(String run, int rack, List<HostSimulation.Summary> summaries,
                           List<HostSimulation.Outcome> ended) implements HostMessage {
    }

    private final GuestLauncher launcher;
    private final List<HostSimulation> hosts = new ArrayList<>();
    private String run;
    private int rack;
    private int racks;
    private ActorRef<Failed> failed;
    private int booting;
    /** The window waiting for its guests to boot, if any. */
    private AdvanceTo waiting;

    public static Behavior<Command> create(GuestLauncher launcher) {
        return Behaviors.setup(ctx -> new HostRack(ctx, launcher));
    }

    private HostRack(ActorContext<Command> context, GuestLauncher launcher) {
        super(context);
        this.launcher = launcher;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, start -> guarded(() -> onStart(start)))
                .onMessage(AdvanceTo.class, advance -> guarded(() -> onAdvanceTo(advance)))
                .onMessage(Admit.class, admit -> guarded(() -> onAdmit(admit)))
                .onMessage(BootFailed.class, this::onBootFailed)
                .onMessage(Finish.class, finish -> guarded(() -> onFinish(finish)))
                .build();
    }

    /**
     * Runs a handler; if the model fails in it, the coordinator hears why instead of waiting for a window that
     * never ends (sharding would restart the rack empty, and a replay would fail the same way).
     */
    private Behavior<Command> guarded(Supplier<Behavior<Command>> handler) {
        try {
            return handler.get();
        } catch (RuntimeException e) {
            getContext().getLog().error("rack {} of {} failed", rack, run, e);
            return onBootFailed(BootFailed.of(e));
        }
    }

    private Behavior<Command> onBootFailed(BootFailed failure) {
        if (failed != null) {
            failed.tell(new Failed(run, rack, failure.error(), failure.badInput()));
        }
        return Behaviors.stopped();
    }

    private Behavior<Command> onStart(Start start) {
        run = start.run();
        rack = start.rack();
        failed = start.failed();
        racks = start.racks();
        for (long h = rack; h < start.hosts(); h += racks) {
            hosts.add(start.setup().simulation(h));
        }
        return this;
    }

    /** Sharding keeps one sender's messages in order, so the window's Start came first. */
    private Behavior<Command> onAdvanceTo(AdvanceTo advance) {
        if (!advance.placements().isEmpty()) {
            getContext().spawnAnonymous(launcher.boot(advance.placements(), getContext().getSelf()));
        }
        booting += advance.placements().size();
        waiting = advance;
        return runIfBooted();
    }

    private Behavior<Command> onAdmit(Admit admit) {
        for (BootedGuest guest : admit.guests()) {
            hosts.get(HostShards.indexInRack(guest.hostId(), racks)).admit(guest.admission());
        }
        booting -= admit.guests().size();
        return runIfBooted();
    }

    private Behavior<Command> runIfBooted() {
        if (waiting == null || booting > 0) {
            return this;
        }
        List<HostSimulation.Outcome> ended = new ArrayList<>();
        List<HostSimulation.Snapshot> snapshots = new ArrayList<>(hosts.size());
        for (HostSimulation host : hosts) {
            ended.addAll(host.advanceTo(waiting.windowEnd()));
            snapshots.add(host.snapshot());
        }
        waiting.replyTo().tell(new WindowDone(run, rack, getContext().getSelf(), List.copyOf(snapshots),
                List.copyOf(ended)));
        waiting = null;
        return this;
    }

    private Behavior<Command> onFinish(Finish finish) {
        List<HostSimulation.Outcome> ended = new ArrayList<>();
        List<HostSimulation.Summary> summaries = new ArrayList<>(hosts.size());
        for (HostSimulation host : hosts) {
            ended.addAll(host.advanceTo(Long.MAX_VALUE));
            summaries.add(host.summary(finish.durationNanos()));
        }
        finish.replyTo().tell(new Finished(run, rack, List.copyOf(summaries), List.copyOf(ended)));
        return Behaviors.stopped();
    }
}
