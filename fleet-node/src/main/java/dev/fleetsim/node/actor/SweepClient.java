package dev.fleetsim.node.actor;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.ScenarioCollector;
import dev.fleetsim.node.study.RunConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The submitting side of a sweep's whole runs: it queues them at the sweep coordinator, gathers each result as
 * its slot streams it (per delivery: a run delivered twice, after its node was thought gone, is gathered twice and
 * the first complete copy wins) and completes the run's future. If the coordinator goes silent for {@code
 * stallTimeout}, it submits the unfinished runs again, to the singleton's new home, saying so: at most {@code
 * resubmits} times in a row without a run finishing, then it fails the unfinished runs (the finished ones are
 * kept). A queue that is heard but has no free slot is not silent: slots live on every member that can hold the
 * queue, so its runs wait only for runs ahead of them.
 */
final class SweepClient {

    private enum Stalled { INSTANCE }

    private final ActorContext<Object> ctx;
    private final TimerScheduler<Object> timers;
    private final ActorRef<SweepCoordinator.Command> coordinator;
    private final String sweep;
    private final List<RunConfig> runs;
    private final List<CompletableFuture<FinishedRun>> results;
    private final String self;
    private final Duration stallTimeout;
    private final int resubmits;
    private final Map<String, ScenarioCollector> deliveries = new HashMap<>();
    private int unfinished;
    private int silentStalls;

    private SweepClient(ActorContext<Object> ctx, TimerScheduler<Object> timers,
                        ActorRef<SweepCoordinator.Command> coordinator, String sweep, List<RunConfig> runs,
                        List<CompletableFuture<FinishedRun>> results, Duration stallTimeout, int resubmits) {
        this.ctx = ctx;
        this.timers = timers;
        this.coordinator = coordinator;
        this.sweep = sweep;
        this.runs = runs;
        this.results = results;
        this.self = SweepWorker.nodeName(ctx.getSystem().address());
        this.stallTimeout = stallTimeout;
        this.resubmits = resubmits;
        this.unfinished = runs.size();
    }

    static Behavior<Object> create(ActorRef<SweepCoordinator.Command> coordinator, String sweep,
                                   List<RunConfig> runs, List<CompletableFuture<FinishedRun>> results,
                                   Duration stallTimeout, int resubmits) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SweepClient client = new SweepClient(ctx, timers, coordinator, sweep, runs, results, stallTimeout,
                    resubmits);
            client.submit();
            return client.behavior();
        }));
    }

    private Behavior<Object> behavior() {
        return Behaviors.receive(Object.class)
                .onMessage(SweepCoordinator.Queued.class, q -> alive())
                .onMessage(StudyCoordinator.Progressed.class, p -> {
                    delivery(p.run()).reported(p.report());
                    return alive();
                })
                .onMessage(StudyCoordinator.HostsSummarised.class, h -> {
                    h.summaries().forEach(delivery(h.run())::summarised);
                    return alive();
                })
                .onMessage(SweepWorker.RunDone.class, this::onRunDone)
                .onMessage(SweepWorker.RunFailed.class, this::onRunFailed)
                .onMessageEquals(Stalled.INSTANCE, this::onStalled)
                .build();
    }

    private Behavior<Object> onStalled() {
        if (++silentStalls > resubmits) {
            String reason = "no word from the cluster's sweep coordinator for " + stallTimeout + ", " + silentStalls
                    + " times in a row; giving up on the " + unfinished + " unfinished runs (finished runs are kept)";
            for (CompletableFuture<FinishedRun> result : results) {
                result.completeExceptionally(new IllegalStateException(reason));
            }
            return Behaviors.stopped();
        }
        ctx.getLog().warn("no word from the sweep coordinator for {}: submitting {} unfinished runs of {} again "
                + "({} of {})", stallTimeout, unfinished, sweep, silentStalls, resubmits);
        submit();
        return Behaviors.same();
    }

    private void submit() {
        List<SweepWorker.Job> jobs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (!results.get(i).isDone()) {
                jobs.add(new SweepWorker.Job(sweep, i, runs.get(i), ctx.getSelf().narrow(), ctx.getSelf().narrow()));
            }
        }
        coordinator.tell(new SweepCoordinator.SubmitRuns(sweep, jobs, ctx.getSelf().narrow()));
        timers.startSingleTimer(Stalled.INSTANCE, stallTimeout);
    }

    private ScenarioCollector delivery(String tag) {
        return deliveries.computeIfAbsent(tag, t -> new ScenarioCollector(runs.get(indexOf(t))));
    }

    /** A delivery's tag is {@code index/unique}: the run's index in the sweep, then what tells deliveries apart. */
    private static int indexOf(String tag) {
        return Integer.parseInt(tag.substring(0, tag.indexOf('/')));
    }

    private Behavior<Object> onRunDone(SweepWorker.RunDone done) {
        done.slot().tell(new SweepWorker.Received(done.tag()));
        ScenarioCollector collected = delivery(done.tag());
        deliveries.remove(done.tag());
        if (collected.summarised() != done.hosts()) {
            // a slot sends its chunks and then this, in order, to one receiver: a gap is a bug, not a lost node
            return finished(done.index(), () -> results.get(done.index()).completeExceptionally(
                    new IllegalStateException("run " + done.index() + " from " + done.node() + ": "
                            + collected.summarised() + " of " + done.hosts() + " host summaries came before its end")));
        }
        String node = done.node().equals(self) ? FinishedRun.LOCAL : done.node();
        return finished(done.index(), () -> results.get(done.index())
                .complete(new FinishedRun(collected.result(), node, done.wallNanos())));
    }

    private Behavior<Object> onRunFailed(SweepWorker.RunFailed failed) {
        failed.slot().tell(new SweepWorker.Received(failed.tag()));
        deliveries.remove(failed.tag());
        return finished(failed.index(), () -> results.get(failed.index()).completeExceptionally(failed.badInput()
                ? new BadInputException(failed.error())
                : new IllegalStateException("failed on " + failed.node() + ": " + failed.error())));
    }

    /** Completes a run's future once (the first delivery to end wins), and stops when every run is done. */
    private Behavior<Object> finished(int index, Runnable complete) {
        if (!results.get(index).isDone()) {
            complete.run();
            unfinished--;
            silentStalls = 0;
        }
        if (unfinished > 0) {
            return alive();
        }
        coordinator.tell(new SweepCoordinator.SweepEnded(sweep));
        return Behaviors.stopped();
    }

    private Behavior<Object> alive() {
        timers.startSingleTimer(Stalled.INSTANCE, stallTimeout);
        return Behaviors.same();
    }
}
