package dev.fleetsim.node.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.fleetsim.guest.actor.GuestActor;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioCollector;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator on its own: racks reached directly instead of through sharding, time moved by hand. Its
 * messages make the same result as the sequential engine; a silent run is replayed after the window timeout, not
 * before; a rack's failure ends the run for the client, and replies of an earlier attempt are dropped.
 */
class StudyCoordinatorTest {

    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(10);
    /** Racks a run has here: racks-per-node for the one node counted when no member is up (this one never joins). */
    private static final int RACKS = 2;
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            fleetsim.cluster.window-timeout = 10s
            fleetsim.cluster.racks-per-node = 2
            """).withFallback(ManualTime.config()).withFallback(ConfigFactory.load()));
    private static final ManualTime TIME = ManualTime.get(KIT.system());

    @TempDir
    static Path dir;
    private static RunConfig study;

    @BeforeAll
    static void loadStudy() throws Exception {
        Path file = dir.resolve("small.conf");
        Files.writeString(file, """
                name = small
                vms = 80
                duration = 2h
                hosts { count = 5, memory = 256G }
                arrival { process = poisson, per-hour = 200 }
                scenarios = [{ name = lazy, policy = lazy }]
                """);
        study = StudyLoader.load(file).runs().get(0);
    }

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    /** A rack command as the coordinator addressed it. */
    private record Addressed(String entityId, HostRack.Command command) {
    }

    /** A coordinator whose racks are this test's real rack actors, one per entity id. */
    private static ActorRef<StudyCoordinator.Command> withRacks() {
        Map<String, ActorRef<HostRack.Command>> racks = new HashMap<>();
        return KIT.spawn(StudyCoordinator.create(system -> (entityId, command) -> racks
                .computeIfAbsent(entityId, id -> KIT.spawn(HostRack.create(GuestActor::boot))).tell(command)));
    }

    /** A coordinator whose racks never answer: what it tells them arrives at {@code racks}. */
    private static ActorRef<StudyCoordinator.Command> withSilentRacks(TestProbe<Addressed> racks) {
        return KIT.spawn(StudyCoordinator.create(system -> (entityId, command) ->
                racks.ref().tell(new Addressed(entityId, command))));
    }

    @Test
    void aRunThroughTheCoordinatorEqualsTheSequentialEngine() {
        TestProbe<StudyCoordinator.Report> client = KIT.createTestProbe();
        withRacks().tell(new StudyCoordinator.RunScenario("r1", study, client.ref()));
        ScenarioCollector collector = new ScenarioCollector(study);
        int summaries = 0;
        while (true) {
            StudyCoordinator.Report report = client.receiveMessage(Duration.ofSeconds(30));
            assertEquals("r1", report.run());
            if (report instanceof StudyCoordinator.Progressed p) {
                collector.reported(p.report());
            } else if (report instanceof StudyCoordinator.HostsSummarised s) {
                s.summaries().forEach(collector::summarised);
                summaries += s.summaries().size();
            } else {
                StudyCoordinator.ScenarioDone done = assertInstanceOf(StudyCoordinator.ScenarioDone.class, report);
                assertEquals(5, done.hosts());
                break;
            }
        }
        assertEquals(5, summaries);
        SequentialEngine sequential = new SequentialEngine(new SimulationMetrics(new PrometheusRegistry()));
        assertEquals(sequential.run(study, FleetEngine.Progress.NONE), collector.result());
        assertEquals(80, collector.result().vms().size());
    }

    @Test
    void aRunNoRackAnswersIsReplayedAfterTheWindowTimeout() {
        TestProbe<Addressed> racks = KIT.createTestProbe();
        TestProbe<StudyCoordinator.Report> client = KIT.createTestProbe();
        withSilentRacks(racks).tell(new StudyCoordinator.RunScenario("r2", study, client.ref()));
        String first = startedAttempt(racks);
        long beats = WINDOW_TIMEOUT.dividedBy(StudyCoordinator.HEARTBEAT);
        for (long beat = 0; beat < beats; beat++) {
            TIME.timePasses(StudyCoordinator.HEARTBEAT);
            assertInstanceOf(StudyCoordinator.Working.class, client.receiveMessage());
        }
        racks.expectNoMessage(Duration.ofMillis(200));
        TIME.timePasses(StudyCoordinator.HEARTBEAT);
        String second = startedAttempt(racks);
        assertNotEquals(first, second, "the replay is a new attempt");
        assertTrue(second.startsWith("r2#2-"), second);
    }

    @Test
    void aRackFailureEndsTheRunAndAnEarlierAttemptsRepliesAreDropped() {
        TestProbe<Addressed> racks = KIT.createTestProbe();
        TestProbe<StudyCoordinator.Report> client = KIT.createTestProbe();
        withSilentRacks(racks).tell(new StudyCoordinator.RunScenario("r3", study, client.ref()));
        List<HostRack.Start> starts = starts(racks);
        ActorRef<HostRack.Failed> failed = starts.get(0).failed();
        failed.tell(new HostRack.Failed("r3#0-earlier", 0, "stale", false));
        failed.tell(new HostRack.Failed(starts.get(1).run(), 1, "memblock: no 64M of free RAM", true));
        StudyCoordinator.ScenarioFailed failure =
                assertInstanceOf(StudyCoordinator.ScenarioFailed.class, client.receiveMessage());
        assertEquals(new StudyCoordinator.ScenarioFailed("r3", "memblock: no 64M of free RAM", true), failure);
    }

    /** The attempt id of the Start messages the racks were sent (one per rack), then their first window. */
    private static String startedAttempt(TestProbe<Addressed> racks) {
        return starts(racks).get(0).run();
    }

    private static List<HostRack.Start> starts(TestProbe<Addressed> racks) {
        List<Addressed> sent = racks.receiveSeveralMessages(2 * RACKS);
        List<HostRack.Start> starts = sent.subList(0, RACKS).stream()
                .map(a -> assertInstanceOf(HostRack.Start.class, a.command())).toList();
        assertEquals(List.of(RACKS, RACKS), starts.stream().map(HostRack.Start::racks).toList());
        assertTrue(sent.subList(RACKS, 2 * RACKS).stream().allMatch(a -> a.command() instanceof HostRack.AdvanceTo));
        assertEquals(1, starts.stream().map(HostRack.Start::run).distinct().count());
        return starts;
    }
}
