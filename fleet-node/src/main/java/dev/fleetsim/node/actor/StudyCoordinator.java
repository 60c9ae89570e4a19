package dev.fleetsim.node.actor;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.host.actor.HostShards;
import dev.fleetsim.node.engine.Scenarios;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.FleetPlanner;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
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
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The study coordinator, a cluster singleton. It generates the fleet from the seed, places each window's
 * arrivals, boots their guests, moves every rack of hosts through the window and waits for all of them before the
 * next, so no host runs ahead of placement (windows in which nothing arrives run on together, up to a sample).
 * Racks send back their hosts' snapshots and the VMs that ended with each window. Results go to the client as they
 * come, in small chunks.
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
    static final int CHUNK = 500;
    static final Duration HEARTBEAT = Duration.ofSeconds(2);

    /**
     * The singleton; application.conf restricts it, like the shards, to members with the role {@value ROLE}. A
     * coordinator that fails is restarted rather than left stopped (the singleton manager would not start it
     * again): its run is lost, and the client, hearing nothing, submits it again.
     */
    public static SingletonActor<Command> singleton() {
        return SingletonActor.of(Behaviors.supervise(create()).onFailure(SupervisorStrategy.restart()),
                "study-coordinator");
    }

    public sealed interface Command extends FleetMessage {
    }

    /** Run one scenario; everything it produces goes to {@code client}. */
    public record RunScenario(String run, StudyConfig study, ActorRef<Report> client) implements Command {
    }

    /** What the client hears about a run, each message tagged with the run (attempts included). */
    public sealed interface Report extends FleetMessage {
        String run();
    }

    /**
     * A window is done: time reached, VMs ended so far, and what is new (at most a chunk each): the VMs placement
     * saw (placed or refused), their outcomes and the hosts' samples. The plans come from here so the client need
     * not generate the fleet a second time.
     */
    public record Progressed(String run, long reachedNanos, long vmsEnded, List<VmPlan> planned,
                             List<HostSimulation.Outcome> outcomes, List<HostSimulation.Snapshot> samples)
            implements Report {
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

    /** One attempt at a scenario. */
    private static final class Attempt {
        final RunScenario request;
        final String id;
        final FleetPlanner planner;
        final HostSimulation.Snapshot[] views;
        final int racks;
        /** Each rack's own ref once it has answered: later windows skip the shard region's hops. */
        final List<ActorRef<HostRack.Command>> rackRefs = new ArrayList<>();
        final BitSet ended = new BitSet();
        final List<VmPlan> unsentPlans = new ArrayList<>();
        final List<HostSimulation.Outcome> unsent = new ArrayList<>();
        final List<HostSimulation.Summary> summaries = new ArrayList<>();
        int window;
        int pendingRacks;
        boolean finishing;
        long placed;
        long lastAnswerNanos = System.nanoTime();

        Attempt(RunScenario request, int number) {
            this.request = request;
            // unique across coordinator incarnations: a singleton that moved must not reuse live entities' ids
            this.id = request.run() + "#" + number + "-" + UUID.randomUUID();
            StudyConfig study = request.study();
            this.planner = new FleetPlanner(study, FleetGenerator.source(study));
            this.views = new HostSimulation.Snapshot[study.hosts().count()];
            this.racks = Math.min(HostShards.RACKS, views.length);
            for (int r = 0; r < racks; r++) {
                rackRefs.add(null);
            }
            MemoryOverhead idle = Scenarios.hostSetup(study).overheadModel().host();
            for (int h = 0; h < views.length; h++) {
                views[h] = new HostSimulation.Snapshot(h, 0, 0, 0, 0, 0, idle);
            }
        }
    }

    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private final Duration replaySettle;
    private final Duration windowTimeout;
    private final ClusterSharding sharding;
    private final ActorRef<HostRack.WindowDone> windowDone;
    private final ActorRef<HostRack.Finished> rackFinished;
    private final ActorRef<HostRack.Failed> rackFailed;
    private final SimulationMetrics metrics = SimulationMetrics.get();
    private Attempt attempt;
    private int attempts;

    public static Behavior<Command> create() {
        return Behaviors.withStash(100, stash -> Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new StudyCoordinator(ctx, stash, timers))));
    }

    private StudyCoordinator(ActorContext<Command> context, StashBuffer<Command> stash,
                             TimerScheduler<Command> timers) {
        super(context);
        this.stash = stash;
        this.timers = timers;
        this.replaySettle = context.getSystem().settings().config().getDuration("fleetsim.cluster.replay-settle");
        this.windowTimeout = context.getSystem().settings().config().getDuration("fleetsim.cluster.window-timeout");
        this.sharding = ClusterSharding.get(context.getSystem());
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
            attempt.planner.close();
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
        attempt = new Attempt(request, ++attempts);
        metrics.runStarted(request.study());
        HostSetup setup = Scenarios.hostSetup(request.study());
        for (int r = 0; r < attempt.racks; r++) {
            tellRack(r, new HostRack.Start(attempt.id, r, attempt.views.length, setup, rackFailed));
        }
        startWindow();
    }

    private void startWindow() {
        StudyConfig study = attempt.request.study();
        long windowEnd = Scenarios.windowEnd(study, attempt.window);
        List<List<HostRack.Placement>> byRack = new ArrayList<>();
        for (int r = 0; r < attempt.racks; r++) {
            byRack.add(new ArrayList<>());
        }
        for (FleetPlanner.Placement p : attempt.planner.placeWindow(windowEnd, Arrays.asList(attempt.views))) {
            metrics.placed(study, p.refused());
            attempt.unsentPlans.add(p.vm());
            if (!p.refused()) {
                attempt.placed++;
                byRack.get(HostShards.rackOf(p.hostId())).add(new HostRack.Placement(p.hostId(),
                        Scenarios.assignment(study, p.vm())));
            }
        }
        skipQuietWindows();
        long runTo = Scenarios.windowEnd(study, attempt.window);
        for (int r = 0; r < attempt.racks; r++) {
            tellRack(r, new HostRack.AdvanceTo(runTo, List.copyOf(byRack.get(r)), windowDone));
        }
        attempt.pendingRacks = attempt.racks;
        watch();
    }

    /**
     * Lets racks run on through the windows after this one in which nothing arrives, up to the next sample: no
     * placement waits on their hosts, so the barrier at each such window's end bought nothing. Hosts run the same
     * events either way, so results do not change; what goes is a round trip per rack and window.
     */
    private void skipQuietWindows() {
        StudyConfig study = attempt.request.study();
        while (!Scenarios.sampled(study, attempt.window) && attempt.window + 1 < study.windows()
                && attempt.planner.nextArrivalNanos() >= Scenarios.windowEnd(study, attempt.window + 1)) {
            attempt.window++;
        }
    }

    /**
     * Notes that racks are answering. The heartbeat checks it: a run no rack has answered for the window timeout
     * lost a message and is replayed. (Noting is a field write because it happens for every rack reply; re-arming
     * a timer that often costs more than the simulation.) Engine liveness, so wall-clock time is right here.
     */
    private void watch() {
        attempt.lastAnswerNanos = System.nanoTime();
    }

    private Behavior<Command> onRackWindowDone(RackWindowDone message) {
        HostRack.WindowDone done = message.done();
        if (attempt == null || attempt.finishing || !attempt.id.equals(done.run())) {
            return this;
        }
        attempt.rackRefs.set(done.rack(), done.self());
        done.snapshots().forEach(snapshot -> attempt.views[(int) snapshot.hostId()] = snapshot);
        done.ended().forEach(this::ended);
        watch();
        if (--attempt.pendingRacks > 0) {
            return this;
        }
        StudyConfig study = attempt.request.study();
        long windowEnd = Scenarios.windowEnd(study, attempt.window);
        metrics.windowDone(study, windowEnd, Arrays.asList(attempt.views));
        List<HostSimulation.Snapshot> samples = Scenarios.sampled(study, attempt.window)
                ? Arrays.asList(attempt.views) : List.of();
        report(windowEnd, samples);
        if (++attempt.window < study.windows()) {
            return readingTrace(attempt.request, this::startWindow);
        } else {
            attempt.finishing = true;
            attempt.pendingRacks = attempt.racks;
            watch();
            for (int r = 0; r < attempt.racks; r++) {
                tellRack(r, new HostRack.Finish(study.durationNanos(), rackFinished));
            }
        }
        return this;
    }

    private Behavior<Command> onRackFinished(RackFinished message) {
        HostRack.Finished finished = message.finished();
        if (attempt == null || !attempt.id.equals(finished.run())) {
            return this;
        }
        attempt.summaries.addAll(finished.summaries());
        finished.ended().forEach(this::ended);
        attempt.pendingRacks--;
        watch();
        return completeIfDone();
    }

    /** A VM's outcome, kept for the client once: a replay repeats outcomes the client may already have. */
    private void ended(HostSimulation.Outcome outcome) {
        if (!attempt.ended.get((int) outcome.vmId())) {
            attempt.ended.set((int) outcome.vmId());
            attempt.unsent.add(outcome);
            metrics.ended(attempt.request.study(), attempt.planner.ended(outcome.vmId()), outcome);
        }
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
            if (System.nanoTime() - attempt.lastAnswerNanos > windowTimeout.toNanos()) {
                getContext().getSelf().tell(new Replay(attempt.id, "no rack answered for " + windowTimeout));
            }
        }
        return this;
    }

    private Behavior<Command> completeIfDone() {
        if (attempt.pendingRacks > 0 || attempt.ended.cardinality() < attempt.placed) {
            return this;
        }
        RunScenario request = attempt.request;
        report(request.study().durationNanos(), List.of());
        for (int i = 0; i < attempt.summaries.size(); i += CHUNK) {
            request.client().tell(new HostsSummarised(request.run(),
                    List.copyOf(attempt.summaries.subList(i, Math.min(attempt.summaries.size(), i + CHUNK)))));
        }
        request.client().tell(new ScenarioDone(request.run(), attempt.summaries.size()));
        closeAttempt();
        attempt = null;
        return stash.unstashAll(this);
    }

    /** Sends the plans and outcomes gathered since the last report and {@code samples}, a chunk at a time. */
    private void report(long reachedNanos, List<HostSimulation.Snapshot> samples) {
        RunScenario request = attempt.request;
        List<VmPlan> plans = attempt.unsentPlans;
        List<HostSimulation.Outcome> outcomes = attempt.unsent;
        int largest = Math.max(plans.size(), Math.max(outcomes.size(), samples.size()));
        long parts = Math.max(1, Sizes.ceilDiv(largest, CHUNK));
        for (int part = 0; part < parts; part++) {
            request.client().tell(new Progressed(request.run(), reachedNanos, attempt.ended.cardinality(),
                    chunk(plans, part), chunk(outcomes, part), chunk(samples, part)));
        }
        plans.clear();
        outcomes.clear();
    }

    /** Part {@code part} of {@code list} cut into chunks. */
    static <T> List<T> chunk(List<T> list, int part) {
        int from = Math.min(list.size(), part * CHUNK);
        return List.copyOf(list.subList(from, Math.min(list.size(), from + CHUNK)));
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
            sharding.entityRefFor(HostRack.TYPE_KEY, HostShards.rackEntityId(attempt.id, rack)).tell(command);
        }
    }
}
