package dev.fleetsim.node.actor;

import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioCollector;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.host.BadInputException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The submitting side of one scenario: it asks the coordinator singleton to run it, collects what comes back
 * (first copy of each result wins; replays must be equal) and completes {@code result}. If the coordinator goes
 * silent for {@code stallTimeout} (its node died and the singleton moved, losing the run), it submits again, at most
 * {@code resubmits} times, saying so each time; the new coordinator replays the scenario from its start. A run the
 * coordinator reports failed ends the client's wait with the reason.
 */
final class ScenarioClient {

    private enum Stalled { INSTANCE }

    private ScenarioClient() {
    }

    static Behavior<Object> create(ActorRef<StudyCoordinator.Command> coordinator, String run, RunConfig study,
                                   FleetEngine.Progress progress, Duration stallTimeout, int resubmits,
                                   CompletableFuture<ScenarioResult> result) {
        int[] submitted = {0};
        return Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers -> {
            ScenarioCollector collector = new ScenarioCollector(study);
            ActorRef<StudyCoordinator.Report> self = ctx.getSelf().narrow();
            Runnable submit = () -> {
                coordinator.tell(new StudyCoordinator.RunScenario(run, study, self));
                submitted[0]++;
                timers.startSingleTimer(Stalled.INSTANCE, stallTimeout);
            };
            submit.run();
            return Behaviors.receive(Object.class)
                    .onMessage(StudyCoordinator.Progressed.class, p -> {
                        collector.reported(p.report());
                        progress.window(p.report().reachedNanos(), collector.arrived(), collector.ended());
                        return alive(timers, stallTimeout);
                    })
                    .onMessage(StudyCoordinator.Working.class, w -> alive(timers, stallTimeout))
                    .onMessage(StudyCoordinator.HostsSummarised.class, h -> {
                        h.summaries().forEach(collector::summarised);
                        return alive(timers, stallTimeout);
                    })
                    .onMessage(StudyCoordinator.ScenarioDone.class, done -> {
                        if (collector.summarised() < done.hosts()) {
                            return Behaviors.same();
                        }
                        result.complete(collector.result());
                        return Behaviors.stopped();
                    })
                    .onMessage(StudyCoordinator.ScenarioFailed.class, failed -> {
                        result.completeExceptionally(failed.badInput() ? new BadInputException(failed.error())
                                : new IllegalStateException("failed on the cluster: " + failed.error()));
                        return Behaviors.stopped();
                    })
                    .onMessageEquals(Stalled.INSTANCE, () -> {
                        if (submitted[0] > resubmits) {
                            result.completeExceptionally(new IllegalStateException("run '" + study.scenario()
                                    + "': no word from the cluster's coordinator for " + stallTimeout + ", "
                                    + submitted[0] + " times; giving up (finished runs are kept)"));
                            return Behaviors.stopped();
                        }
                        ctx.getLog().warn("no word from the coordinator for {}: submitting run '{}' again ({} of {})",
                                stallTimeout, study.scenario(), submitted[0], resubmits);
                        submit.run();
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    private static Behavior<Object> alive(TimerScheduler<Object> timers, Duration stallTimeout) {
        timers.startSingleTimer(Stalled.INSTANCE, stallTimeout);
        return Behaviors.same();
    }
}
