package dev.fleetsim.host.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetsim.host.AcceptPath;
import dev.fleetsim.host.AcceptRequest;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.GuestImage;
import dev.fleetsim.host.GuestReport;
import dev.fleetsim.host.GuestStep;
import dev.fleetsim.host.GuestSteps;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostOverheadSettings;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.Platform;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
class HostRackTest {

    private static final long GIB = 1L << 30;

    @JUnit5TestKit
    public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

    /** A VM that computes for 1 s, accepts 64 MiB and lives 10 s. */
    private static HostSimulation.Admission vm(long id, long arrival) {
        return new HostSimulation.Admission(id, 4 * GIB, arrival, arrival + 10_000_000_000L, GuestSteps.of(
                new GuestStep.Compute(BootPhase.FIRMWARE, 1_000_000_000L),
                new GuestStep.Accept(BootPhase.EARLY_KERNEL, AcceptRequest.of(0, 64L << 20, AcceptPath.KERNEL, 1))), -1,
                new GuestReport(0, 0, 0, 0));
    }

    private static final HostSetup SETUP = new HostSetup(Platform.TDX, CostParameters.defaults(),
            new HostCapacity(64 * GIB, 32, 1.0, OvercommitPolicy.COUNT_PRESSURE), HostOverheadSettings.defaults());

    /** A guest whose admission is fixed. */
    private record FixedGuest(HostSimulation.Admission admission) implements GuestImage {
    }

    private TestProbe<HostRack.Failed> failures;

    /** Rack 7 of a run with 40 hosts (hosts 7 and 7 + 32 = 39, of 32 racks), booting guests with {@code launcher}. */
    private ActorRef<HostRack.Command> prepare(HostRack.GuestLauncher launcher) {
        failures = testKit.createTestProbe();
        ActorRef<HostRack.Command> rack = testKit.spawn(HostRack.create(launcher));
        rack.tell(new HostRack.Start("r", 7, 32, 40, SETUP, failures.ref()));
        return rack;
    }

    /** Boots as the guest actor does: a child that hands over the admission at once. */
    private static Behavior<Void> bootAtOnce(List<HostRack.Placement> placements, ActorRef<HostRack.Command> rack) {
        return Behaviors.setup(ctx -> {
            rack.tell(new HostRack.Admit(placements.stream()
                    .map(p -> new HostRack.BootedGuest(p.hostId(), p.guest().admission())).toList()));
            return Behaviors.stopped();
        });
    }

    @Test
    void windowWaitsForItsGuestsToBootThenReportsEveryHostOfTheRack() {
        TestProbe<List<HostRack.Placement>> booting = testKit.createTestProbe();
        ActorRef<HostRack.Command> rack = prepare((placements, r) -> Behaviors.setup(ctx -> {
            booting.ref().tell(placements);
            return Behaviors.stopped();
        }));
        TestProbe<HostRack.WindowDone> window = testKit.createTestProbe();
        HostRack.Placement placement = new HostRack.Placement(39, new FixedGuest(vm(1, 0)));
        rack.tell(new HostRack.AdvanceTo(5_000_000_000L, List.of(placement), window.ref()));
        assertEquals(List.of(placement), booting.receiveMessage(), "the window's guests, booted by one child");
        window.expectNoMessage(Duration.ofMillis(200));
        rack.tell(new HostRack.Admit(List.of(new HostRack.BootedGuest(39, vm(1, 0)))));
        HostRack.WindowDone done = window.receiveMessage();
        assertEquals(7, done.rack());
        MemoryOverhead idle = SETUP.overheadModel().host();
        MemoryOverhead busy = idle.plus(SETUP.overheadModel().vm(4 * GIB, 64L << 20));
        assertEquals(List.of(new HostSimulation.Snapshot(7, 5_000_000_000L, 0, 0, 0, 0, idle),
                new HostSimulation.Snapshot(39, 5_000_000_000L, 64L << 20, 4 * GIB, 1, 3, busy)), done.snapshots(),
                "host 39 placed, computed, accepted: three events; host 7 idle");
        assertEquals(List.of(), done.ended());
    }

    @Test
    void endedVmComesWithTheWindowAndFinishSummarisesEveryHost() {
        ActorRef<HostRack.Command> rack = prepare(HostRackTest::bootAtOnce);
        TestProbe<HostRack.WindowDone> window = testKit.createTestProbe();
        TestProbe<HostRack.Finished> finished = testKit.createTestProbe();
        rack.tell(new HostRack.AdvanceTo(20_000_000_000L, List.of(new HostRack.Placement(7,
                new FixedGuest(vm(1, 0)))), window.ref()));
        List<HostSimulation.Outcome> ended = window.receiveMessage().ended();
        assertEquals(1, ended.size());
        HostSimulation.Outcome outcome = ended.get(0);
        assertEquals(1, outcome.vmId());
        assertEquals(7, outcome.hostId());
        assertEquals(10_000_000_000L, outcome.endNanos());
        assertEquals(16_384, outcome.exits(), "64 MiB on a 4K host mapping");
        rack.tell(new HostRack.Finish(20_000_000_000L, finished.ref()));
        HostRack.Finished summaries = finished.receiveMessage();
        assertEquals(2, summaries.summaries().size());
        assertEquals(64L << 20, summaries.summaries().get(0).peakCommittedBytes());
        assertEquals(1, summaries.summaries().get(0).vmsPlaced());
        assertEquals(0, summaries.summaries().get(1).vmsPlaced());
    }

    /** A boot that failed ends the run on the rack: the coordinator hears why (a bug here) and the rack stops. */
    @Test
    void aFailedBootIsReportedAndStopsTheRack() {
        ActorRef<HostRack.Command> rack = prepare((placements, r) -> Behaviors.setup(ctx -> {
            r.tell(HostRack.BootFailed.of(new IllegalStateException("zone: freeing more than allocated")));
            return Behaviors.stopped();
        }));
        TestProbe<HostRack.WindowDone> window = testKit.createTestProbe();
        rack.tell(new HostRack.AdvanceTo(60_000_000_000L, List.of(new HostRack.Placement(39,
                new FixedGuest(vm(1, 0)))), window.ref()));
        assertEquals(new HostRack.Failed("r", 7, "java.lang.IllegalStateException: zone: freeing more than allocated",
                false), failures.receiveMessage());
        failures.expectTerminated(rack);
        window.expectNoMessage(Duration.ofMillis(100));
    }
}
