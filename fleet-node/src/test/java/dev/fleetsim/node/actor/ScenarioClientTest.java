package dev.fleetsim.node.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A run's client stops on a reported failure and after a bounded number of resubmissions; it never waits on. */
class ScenarioClientTest {

    private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final RunConfig STUDY = StudyLoader.defaults().runs().get(0);

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    private record Prepared(TestProbe<StudyCoordinator.Command> coordinator,
                            CompletableFuture<ScenarioResult> result) {
    }

    private static Prepared prepareClient(String run, int resubmits) {
        TestProbe<StudyCoordinator.Command> coordinator = KIT.createTestProbe();
        CompletableFuture<ScenarioResult> result = new CompletableFuture<>();
        KIT.spawn(ScenarioClient.create(coordinator.ref(), run, STUDY, FleetEngine.Progress.NONE, STALL, resubmits,
                result));
        return new Prepared(coordinator, result);
    }

    @Test
    void aReportedBadInputFailureEndsTheRunWithItsReason() throws Exception {
        Prepared p = prepareClient("r1", 3);
        StudyCoordinator.RunScenario request = p.coordinator().expectMessageClass(
                StudyCoordinator.RunScenario.class);
        request.client().tell(new StudyCoordinator.ScenarioFailed("r1", "trace.csv:2: arrival.file: bad row", true));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> p.result().get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(BadInputException.class, e.getCause());
        assertEquals("trace.csv:2: arrival.file: bad row", e.getCause().getMessage());
        TIME.timePasses(STALL.multipliedBy(2));
        p.coordinator().expectNoMessage(Duration.ofMillis(50));
    }

    @Test
    void aFailureThatIsNotTheUsersIsABug() throws Exception {
        Prepared p = prepareClient("r2", 3);
        p.coordinator().expectMessageClass(StudyCoordinator.RunScenario.class).client()
                .tell(new StudyCoordinator.ScenarioFailed("r2", "java.lang.IllegalStateException: memblock", false));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> p.result().get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().endsWith("failed on the cluster: java.lang.IllegalStateException: "
                + "memblock"), e.getCause().getMessage());
    }

    @Test
    void aSilentCoordinatorIsResubmittedToABoundedNumberOfTimes() {
        Prepared p = prepareClient("r3", 2);
        for (int submission = 1; submission <= 3; submission++) {
            p.coordinator().expectMessageClass(StudyCoordinator.RunScenario.class);
            assertTrue(!p.result().isDone(), "still waiting after submission " + submission);
            TIME.timePasses(STALL.plusSeconds(1));
        }
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> p.result().get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("no word from the cluster's coordinator for PT30S, 3 times; "
                + "giving up"), e.getCause().getMessage());
        p.coordinator().expectNoMessage(Duration.ofMillis(50));
    }
}
