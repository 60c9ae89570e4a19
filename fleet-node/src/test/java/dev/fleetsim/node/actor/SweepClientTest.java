package dev.fleetsim.node.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A sweep's client resubmits to a silent queue a bounded number of times in a row, then fails what is left. */
class SweepClientTest {

    /** Remoting on: the client names its own node by its address. */
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            """).withFallback(ManualTime.config()));
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final RunConfig RUN = StudyLoader.defaults().runs().get(0);

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    private record Prepared(TestProbe<SweepCoordinator.Command> coordinator,
                            List<CompletableFuture<FinishedRun>> results) {
    }

    private static Prepared prepareClient(String sweep, int runs, int resubmits) {
        TestProbe<SweepCoordinator.Command> coordinator = KIT.createTestProbe();
        List<CompletableFuture<FinishedRun>> results = java.util.stream.Stream
                .generate(CompletableFuture<FinishedRun>::new).limit(runs).toList();
        KIT.spawn(SweepClient.create(coordinator.ref(), sweep, java.util.Collections.nCopies(runs, RUN), results,
                STALL, resubmits));
        return new Prepared(coordinator, results);
    }

    /** The submission that comes next, after the time of one stall if it is a resubmission. */
    private static SweepCoordinator.SubmitRuns stallAndExpectSubmission(Prepared p) {
        TIME.timePasses(STALL.plusSeconds(1));
        return p.coordinator().expectMessageClass(SweepCoordinator.SubmitRuns.class);
    }

    private static String failure(CompletableFuture<FinishedRun> result) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        return e.getCause().getMessage();
    }

    @Test
    void aSilentQueueIsResubmittedToABoundedNumberOfTimesThenTheRunsFail() {
        Prepared p = prepareClient("s1", 2, 2);
        assertEquals(2, p.coordinator().expectMessageClass(SweepCoordinator.SubmitRuns.class).jobs().size());
        for (int resubmission = 1; resubmission <= 2; resubmission++) {
            assertEquals(2, stallAndExpectSubmission(p).jobs().size(), "resubmission " + resubmission);
            assertFalse(p.results().get(0).isDone());
        }
        TIME.timePasses(STALL.plusSeconds(1));
        for (CompletableFuture<FinishedRun> result : p.results()) {
            assertTrue(failure(result).startsWith("no word from the cluster's sweep coordinator for PT30S, 3 times "
                    + "in a row; giving up on the 2 unfinished runs"), failure(result));
        }
        p.coordinator().expectNoMessage(Duration.ofMillis(50));
    }

    @Test
    void aFinishedRunStartsTheCountAgainAndOnlyUnfinishedRunsAreResubmitted() throws Exception {
        Prepared p = prepareClient("s2", 2, 1);
        SweepCoordinator.SubmitRuns first = p.coordinator().expectMessageClass(SweepCoordinator.SubmitRuns.class);
        stallAndExpectSubmission(p);
        TestProbe<SweepWorker.Received> slot = KIT.createTestProbe();
        first.jobs().get(0).outcome().tell(new SweepWorker.RunFailed("0/a", 0, "n1", "trace.csv:2: bad row", true,
                slot.ref()));
        assertEquals("0/a", slot.expectMessageClass(SweepWorker.Received.class).tag());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> p.results().get(0).get(10, TimeUnit.SECONDS));
        assertInstanceOf(BadInputException.class, e.getCause());
        List<SweepWorker.Job> again = stallAndExpectSubmission(p).jobs();
        assertEquals(List.of(1), again.stream().map(SweepWorker.Job::index).toList());
        TIME.timePasses(STALL.plusSeconds(1));
        assertTrue(failure(p.results().get(1)).contains("2 times in a row; giving up on the 1 unfinished runs"));
    }
}
