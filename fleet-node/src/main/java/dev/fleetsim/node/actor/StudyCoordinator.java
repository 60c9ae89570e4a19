package dev.fleetsim.node.actor;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.host.actor.HostShards;
import dev.fleetsim.node.engine.Scenarios;
import dev.fleetsim.node.engine.WindowedRun;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.RunConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The study coordinator, a cluster singleton: it drives a scenario's {@link WindowedRun} over the cluster's racks
 * of hosts. Each window it tells every rack what to boot and how far to run, and gives the run each rack's answer
 * (its hosts' snapshots and the VMs that ended); the run's reports go to the client as they come.
 *
 * <p>Failure: hosts and guests are functions of (study, seed, id), so when a node that may have held some of them
 * leaves or is downed, the coordinator replays the scenario from its start under a new attempt id (stale replies
 * carry the old id and are dropped). It waits {@code replay-settle} first: sharding delivers at most once, and
 * until it has seen the dead node's region go, messages for that region's shards would be lost. Any other lost
 * message shows as a window no host finishes within {@code window-timeout}, which also replays. The client keeps
 * the first copy of each result; replayed ones are equal.
 */
public final class StudyCoordinator extends AbstractBehavior<StudyCoordinator.Command> {

    public static final String ROLE = "node";
    static final Duration HEARTBEAT = Duration.ofSeconds(2);

    /**
     * The singleton; application.conf restricts it, like the shards, to members with the role {@value ROLE}. A
     * coordinator that fails is restarted rather than left stopped (the singleton manager would not start it
     * again): its run is lost, and the client, hearing nothing, submits it again.
     */
    public static SingletonActor<Command> singleton() {
        return SingletonActor.of(Behaviors.supervise(create(RackAddressing::sharded))
                .onFailure(SupervisorStrategy.restart()), "study-coordinator");
    }

    public sealed interface Command extends FleetMessage {
    }

    /** Run one scenario; everything it produces goes to {@code client}. */
    public record RunScenario(String run, RunConfig study, ActorRef<Report> client) implements Command {
    }

    /** What the client hears about a run, each message tagged with the run (attempts included). */
    public sealed interface Report extends FleetMessage {
        String run();
    }

    /**
     * A window is done: a chunk of what it produced (the VMs placement saw, placed or refused, their outcomes and
     * the hosts' samples). The plans come from here so the client need not generate the fleet a second time.
     */
    public record Progressed(String run, WindowedRun.Report report) implements Report {
    }

    /** The run is alive though no window finished lately. */
    public record Working(String run) implements Report {
    }

    /** Part of the hosts' summaries at the end. */
    public record HostsSummarised(String run, List<HostSimulation.Summary> summaries) implements Report {
    }

    /**
     * The run cannot go on: its trace could not be read as it was when the study was checked (changed or gone
     * since), building its fleet failed, or a rack failed (a guest that cannot boot, a host's model). Replaying
     * would meet the same failure, so the run ends here with what is wrong; {@code badInput} when it is the user's
     * to fix (a file, a VM's size), else a bug.
     */
    public record ScenarioFailed(String run, String error, boolean badInput) implements Report {
    }

    /** The run is complete: {@code hosts} summaries were sent before this. */
    public record ScenarioDone(String run, int hosts) implements Report {
    }

    /** How a rack that has not answered yet is reached, by its entity id: through sharding, or in a test directly. */
    @FunctionalInterface
    interface RackAddressing {
        void tell(String entityId, HostRack.Command command);

        static RackAddressing sharded(ActorSystem<?> system) {
            ClusterSharding sharding = ClusterSharding.get(system);
            return (entityId, command) -> sharding.entityRefFor(HostRack.TYPE_KEY, entityId).tell(command);
        }
    }

    private record RackWindowDone(HostRack.WindowDone done) implements Command {
    }

    private record RackFinished(HostRack.Finished finished) implements Command {
    }

    private record RackFailed(HostRack.Failed failed) implements Command {
    }

    private record NodeLeft(ClusterEvent.MemberRemoved removed) implements Command {
    }

    private enum Heartbeat implements Command { INSTANCE }

    /** Replay the attempt {@code attemptId} if it is still the current one. */
    private record Replay(String attemptId, String why) implements Command {
    }

    /** One attempt at a scenario: its run through the windows, and how to reach its racks. */
    private static final class Attempt {
        final RunScenario request;
        final String id;
        final WindowedRun run;
        final int racks;
        /** Each rack's own ref once it has answered: later windows skip the shard region's hops. */
        final List<ActorRef<HostRack.Command>> rackRefs = new ArrayList<>();
        /** Heartbeats in a row during which no rack answered. */
        int silentBeats;
        boolean answered;

        Attempt(RunScenario request, int number, int racks, SimulationMetrics metrics) {
            this.request = request;
            // unique across coordinator incarnations: a singleton that moved must not reuse live entities' ids
            this.id = request.run() + "#" + number + "-" + UUID.randomUUID();
            this.racks = racks;
            this.run = new WindowedRun(request.study(), racks, metrics);
            for (int r = 0; r < racks; r++) {
                rackRefs.add(null);
            }
        }
    }

    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private final Duration replaySettle;
    private final Duration windowTimeout;
    private final int racksPerNode;
    private final RackAddressing addressing;
    private final ActorRef<HostRack.WindowDone> windowDone;
    private final ActorRef<HostRack.Finished> rackFinished;
    private final ActorRef<HostRack.Failed> rackFailed;
    private final SimulationMetrics metrics = SimulationMetrics.get();
    private Attempt attempt;
    private int attempts;

    static Behavior<Command> create(Function<ActorSystem<?>, RackAddressing> addressing) {
        return Behaviors.withStash(100, stash -> Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new StudyCoordinator(ctx, stash, timers, addressing.apply(ctx.getSystem())))));
    }

    private StudyCoordinator(ActorContext<Command> context, StashBuffer<Command> stash,
                             TimerScheduler<Command> timers, RackAddressing addressing) {
        super(context);
        this.stash = stash;
        this.timers = timers;
        this.replaySettle = context.getSystem().settings().config().getDuration("fleetsim.cluster.replay-settle");
        this.windowTimeout = context.getSystem().settings().config().getDuration("fleetsim.cluster.window-timeout");
        this.racksPerNode = context.getSystem().settings().config().getInt("fleetsim.cluster.racks-per-node");
        this.addressing = addressing;
        this.windowDone = context.messageAdapter(HostRack.WindowDone.class, RackWindowDone::new);
        this.rackFinished = context.messageAdapter(HostRack.Finished.class, RackFinished::new);
        this.rackFailed = context.messageAdapter(HostRack.Failed.class, RackFailed::new);
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberRemoved.class, NodeLeft::new),
                ClusterEvent.MemberRemoved.class));
        timers.startTimerWithFixedDelay(Heartbeat.INSTANCE, HEARTBEAT);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunScenario.class, this::onRunScenario)
                .onMessage(RackWindowDone.class, this::onRackWindowDone)
                .onMessage(RackFinished.class, this::onRackFinished)
                .onMessage(RackFailed.class, this::onRackFailed)
                .onMessage(NodeLeft.class, this::onNodeLeft)
                .onMessageEquals(Heartbeat.INSTANCE, this::onHeartbeat)
                .onMessage(Replay.class, this::onReplay)
                .onSignal(PreRestart.class, signal -> closeAttempt())
                .onSignal(PostStop.class, signal -> closeAttempt())
                .build();
    }

    /** Lets go of the trace file an attempt reads its fleet from. */
    private Behavior<Command> closeAttempt() {
        if (attempt != null) {
            attempt.run.close();
        }
        return this;
    }

    private Behavior<Command> onRunScenario(RunScenario request) {
        if (attempt != null) {
            stash.stash(request);
            return this;
        }
        return readingTrace(request, () -> begin(request));
    }

    /**
     * Does {@code step}, which reads the fleet's trace and plans it; if that fails, the client hears why and the
     * coordinator goes on to the next run instead of failing, restarting and being sent the same run again.
     */
    private Behavior<Command> readingTrace(RunScenario request, Runnable step) {
        try {
            step.run();
            return this;
        } catch (RuntimeException e) {
            // the client reports it; on its terminal (an embedded engine) a second line would repeat it
            getContext().getLog().info("run {} failed: {}", request.run(), e.toString());
            boolean badInput = e instanceof BadInputException || e instanceof java.io.UncheckedIOException;
            return failed(request, badInput ? e.getMessage() : e.toString(), badInput);
        }
    }

    /** Ends the run with why, and goes on to the next. */
    private Behavior<Command> failed(RunScenario request, String error, boolean badInput) {
        request.client().tell(new ScenarioFailed(request.run(), error, badInput));
        closeAttempt();
        attempt = null;
        return stash.unstashAll(this);
    }

    private Behavior<Command> onRackFailed(RackFailed message) {
        HostRack.Failed failure = message.failed();
        if (attempt == null || !attempt.id.equals(failure.run())) {
            return this;
        }
        getContext().getLog().info("run {} failed on rack {}: {}", attempt.id, failure.rack(), failure.error());
        return failed(attempt.request, failure.error(), failure.badInput());
    }

    private void begin(RunScenario request) {
        closeAttempt();
        attempt = new Attempt(request, ++attempts, racks(request.study()), metrics);
        HostSetup setup = Scenarios.hostSetup(request.study());
        for (int r = 0; r < attempt.racks; r++) {
            tellRack(r, new HostRack.Start(attempt.id, r, attempt.racks, request.study().hosts().count(), setup,
                    rackFailed));
        }
        startWindow();
    }

    /**
     * Racks for a run: {@code racks-per-node} for each node up now, at most one per host and {@link
     * HostShards#MAX_RACKS}. A window costs a round trip per rack, so no more than the nodes' cores can run at
     * once; the results do not depend on the number, as every host runs the same events in any rack.
     */
    private int racks(RunConfig study) {
        long nodes = StreamSupport.stream(Cluster.get(getContext().getSystem()).state().getMembers().spliterator(),
                false).filter(m -> m.hasRole(ROLE) && m.status() == MemberStatus.up()).count();
        long wanted = racksPerNode * Math.max(1, nodes);
        return (int) Math.min(Math.min(wanted, HostShards.MAX_RACKS), study.hosts().count());
    }

    private void startWindow() {
        WindowedRun.Window window = attempt.run.nextWindow();
        List<List<HostRack.Placement>> byRack = new ArrayList<>();
        for (int r = 0; r < attempt.racks; r++) {
            byRack.add(new ArrayList<>());
        }
        for (WindowedRun.Placement p : window.placements()) {
            byRack.get(HostShards.rackOf(p.hostId(), attempt.racks)).add(new HostRack.Placement(p.hostId(), p.guest()));
        }
        for (int r = 0; r < attempt.racks; r++) {
            tellRack(r, new HostRack.AdvanceTo(window.runToNanos(), List.copyOf(byRack.get(r)), windowDone));
        }
        watch();
    }

    /**
     * Notes that racks are answering. The heartbeat checks it: a run no rack has answered for the window timeout
     * lost a message and is replayed. (Noting is a field write because it happens for every rack reply; re-arming
     * a timer that often costs more than the simulation.)
     */
    private void watch() {
        attempt.answered = true;
    }

    private Behavior<Command> onRackWindowDone(RackWindowDone message) {
        HostRack.WindowDone done = message.done();
        if (attempt == null || !attempt.id.equals(done.run())) {
            return this;
        }
        attempt.rackRefs.set(done.rack(), done.self());
        watch();
        Optional<List<WindowedRun.Report>> reports = attempt.run.partAdvanced(done.snapshots(), done.ended());
        if (reports.isEmpty()) {
            return this;
        }
        reports.get().forEach(this::report);
        if (attempt.run.hasNextWindow()) {
            return readingTrace(attempt.request, this::startWindow);
        }
        attempt.run.finish();
        for (int r = 0; r < attempt.racks; r++) {
            tellRack(r, new HostRack.Finish(attempt.request.study().durationNanos(), rackFinished));
        }
        return this;
    }

    private Behavior<Command> onRackFinished(RackFinished message) {
        HostRack.Finished finished = message.finished();
        if (attempt == null || !attempt.id.equals(finished.run())) {
            return this;
        }
        watch();
        Optional<WindowedRun.Ending> ending = attempt.run.partFinished(finished.summaries(), finished.ended());
        if (ending.isEmpty()) {
            return this;
        }
        RunScenario request = attempt.request;
        ending.get().reports().forEach(this::report);
        ending.get().summaries().forEach(chunk -> request.client().tell(new HostsSummarised(request.run(), chunk)));
        request.client().tell(new ScenarioDone(request.run(), ending.get().hosts()));
        closeAttempt();
        attempt = null;
        return stash.unstashAll(this);
    }

    private void report(WindowedRun.Report report) {
        attempt.request.client().tell(new Progressed(attempt.request.run(), report));
    }

    private Behavior<Command> onNodeLeft(NodeLeft message) {
        if (attempt != null && message.removed().member().hasRole(ROLE)) {
            timers.startSingleTimer(Replay.class, new Replay(attempt.id, "node "
                    + message.removed().member().address() + " left"), replaySettle);
        }
        return this;
    }

    private Behavior<Command> onReplay(Replay replay) {
        if (attempt != null && attempt.id.equals(replay.attemptId())) {
            getContext().getLog().warn("{} during {}: replaying the scenario from its start", replay.why(),
                    attempt.id);
            return readingTrace(attempt.request, () -> begin(attempt.request));
        }
        return this;
    }

    private Behavior<Command> onHeartbeat() {
        if (attempt != null) {
            attempt.request.client().tell(new Working(attempt.request.run()));
            attempt.silentBeats = attempt.answered ? 0 : attempt.silentBeats + 1;
            attempt.answered = false;
            if (attempt.silentBeats * HEARTBEAT.toNanos() >= windowTimeout.toNanos()) {
                getContext().getSelf().tell(new Replay(attempt.id, "no rack answered for " + windowTimeout));
            }
        }
        return this;
    }

    /**
     * Through sharding until the rack has answered once, then straight to it. A rack lost with its node loses the
     * message either way; the replay that follows starts again through sharding under a new attempt.
     */
    private void tellRack(int rack, HostRack.Command command) {
        ActorRef<HostRack.Command> direct = attempt.rackRefs.get(rack);
        if (direct != null) {
            direct.tell(command);
        } else {
            addressing.tell(HostShards.rackEntityId(attempt.id, rack), command);
        }
    }
}
