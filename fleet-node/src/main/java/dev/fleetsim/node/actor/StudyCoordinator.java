package dev.fleetsim.node.actor;

import dev.fleetsim.guest.actor.GuestActor;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.actor.HostActor;
import dev.fleetsim.host.actor.HostShards;
import dev.fleetsim.node.engine.ScenarioCollector;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.Scenarios;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.FleetPlanner;
import dev.fleetsim.node.study.StudyConfig;
import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The study coordinator, a cluster singleton: it generates the fleet from the seed, places each window's arrivals,
 * starts their guests, moves every host through the window and waits for all of them before the next, so no host
 * runs ahead of placement. One scenario at a time; a second request waits in the stash.
 */
public final class StudyCoordinator extends AbstractBehavior<StudyCoordinator.Command> {

    public static SingletonActor<Command> singleton() {
        return SingletonActor.of(create(), "study-coordinator");
    }

    public sealed interface Command extends FleetMessage {
    }

    /** Run one scenario under the run id {@code run}; progress after each window, the result at the end. */
    public record RunScenario(String run, StudyConfig study, ActorRef<ScenarioDone> replyTo,
                              ActorRef<Progressed> progress) implements Command {
    }

    public record ScenarioDone(ScenarioResult result) implements FleetMessage {
    }

    public record Progressed(long reachedNanos, long vmsEnded) implements FleetMessage {
    }

    private record HostWindowDone(HostActor.WindowDone done) implements Command {
    }

    private record HostFinished(HostActor.Finished finished) implements Command {
    }

    private record VmEnded(HostSimulation.Outcome outcome) implements Command {
    }

    /** The state of the scenario being run. */
    private static final class Run {
        final RunScenario request;
        final FleetPlanner planner;
        final ScenarioCollector collector;
        final HostSimulation.Snapshot[] views;
        final long[] admissions;
        int window;
        int pendingHosts;
        boolean finishing;
        long placed;

        Run(RunScenario request) {
            this.request = request;
            StudyConfig study = request.study();
            this.planner = new FleetPlanner(study, FleetGenerator.generate(study));
            this.collector = new ScenarioCollector(study);
            this.views = new HostSimulation.Snapshot[study.hosts().count()];
            this.admissions = new long[views.length];
            for (int h = 0; h < views.length; h++) {
                views[h] = new HostSimulation.Snapshot(h, 0, 0, 0, 0);
            }
        }
    }

    private final StashBuffer<Command> stash;
    private final ClusterSharding sharding;
    private final ActorRef<HostActor.WindowDone> windowDone;
    private final ActorRef<HostActor.Finished> hostFinished;
    private final ActorRef<HostSimulation.Outcome> vmEnded;
    private Run run;

    public static Behavior<Command> create() {
        return Behaviors.withStash(100, stash -> Behaviors.setup(ctx -> new StudyCoordinator(ctx, stash)));
    }

    private StudyCoordinator(ActorContext<Command> context, StashBuffer<Command> stash) {
        super(context);
        this.stash = stash;
        this.sharding = ClusterSharding.get(context.getSystem());
        this.windowDone = context.messageAdapter(HostActor.WindowDone.class, HostWindowDone::new);
        this.hostFinished = context.messageAdapter(HostActor.Finished.class, HostFinished::new);
        this.vmEnded = context.messageAdapter(HostSimulation.Outcome.class, VmEnded::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunScenario.class, this::onRunScenario)
                .onMessage(HostWindowDone.class, this::onHostWindowDone)
                .onMessage(HostFinished.class, this::onHostFinished)
                .onMessage(VmEnded.class, this::onVmEnded)
                .build();
    }

    private Behavior<Command> onRunScenario(RunScenario request) {
        if (run != null) {
            stash.stash(request);
            return this;
        }
        run = new Run(request);
        HostSetup setup = Scenarios.hostSetup(request.study());
        for (int h = 0; h < run.views.length; h++) {
            tellHost(h, new HostActor.Start(h, setup));
        }
        startWindow();
        return this;
    }

    private void startWindow() {
        StudyConfig study = run.request.study();
        long windowEnd = Scenarios.windowEnd(study, run.window);
        for (FleetPlanner.Placement p : run.planner.placeWindow(windowEnd, Arrays.asList(run.views))) {
            run.collector.planned(p.vm());
            if (!p.refused()) {
                run.admissions[p.hostId()]++;
                run.placed++;
                String guest = HostShards.guestEntityId(run.request.run(), p.hostId(), p.vm().vmId());
                sharding.entityRefFor(GuestActor.TYPE_KEY, guest).tell(new GuestActor.Boot(run.request.run(),
                        p.hostId(), Scenarios.assignment(study, p.vm()), vmEnded));
            }
        }
        for (int h = 0; h < run.views.length; h++) {
            tellHost(h, new HostActor.AdvanceTo(windowEnd, run.admissions[h], windowDone));
        }
        run.pendingHosts = run.views.length;
    }

    private Behavior<Command> onHostWindowDone(HostWindowDone message) {
        HostSimulation.Snapshot snapshot = message.done().snapshot();
        run.views[(int) snapshot.hostId()] = snapshot;
        if (--run.pendingHosts > 0) {
            return this;
        }
        StudyConfig study = run.request.study();
        if (Scenarios.sampled(study, run.window)) {
            Arrays.stream(run.views).forEach(run.collector::sampled);
        }
        run.request.progress().tell(new Progressed(snapshot.timeNanos(), run.collector.ended()));
        if (++run.window < study.windows()) {
            startWindow();
        } else {
            run.finishing = true;
            run.pendingHosts = run.views.length;
            for (int h = 0; h < run.views.length; h++) {
                tellHost(h, new HostActor.Finish(study.durationNanos(), run.admissions[h], hostFinished));
            }
        }
        return this;
    }

    private Behavior<Command> onHostFinished(HostFinished message) {
        run.collector.summarised(message.finished().summary());
        run.pendingHosts--;
        return completeIfDone();
    }

    private Behavior<Command> onVmEnded(VmEnded message) {
        run.collector.ended(message.outcome());
        return run.finishing ? completeIfDone() : this;
    }

    private Behavior<Command> completeIfDone() {
        if (run.pendingHosts > 0 || run.collector.ended() < run.placed) {
            return this;
        }
        run.request.replyTo().tell(new ScenarioDone(run.collector.result()));
        run = null;
        return stash.unstashAll(this);
    }

    private void tellHost(long hostId, HostActor.Command command) {
        sharding.entityRefFor(HostActor.TYPE_KEY, HostShards.hostEntityId(run.request.run(), hostId)).tell(command);
    }
}
