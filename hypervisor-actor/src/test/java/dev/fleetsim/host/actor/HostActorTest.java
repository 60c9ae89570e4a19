package dev.fleetsim.host.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetsim.host.AcceptPath;
import dev.fleetsim.host.AcceptRequest;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.GuestReport;
import dev.fleetsim.host.GuestStep;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
class HostActorTest {

    private static final long GIB = 1L << 30;

    @JUnit5TestKit
    public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

    /** A VM that computes for 1 s, accepts 64 MiB and lives 10 s. */
    private static HostSimulation.Admission vm(long id, long arrival) {
        return new HostSimulation.Admission(id, 4 * GIB, arrival, arrival + 10_000_000_000L, List.of(
                new GuestStep.Compute(BootPhase.FIRMWARE, 1_000_000_000L),
                new GuestStep.Accept(BootPhase.EARLY_KERNEL, AcceptRequest.of(0, 64L << 20, AcceptPath.KERNEL, 1))), -1,
                new GuestReport(0, 0, 0));
    }

    private ActorRef<HostActor.Command> prepare() {
        ActorRef<HostActor.Command> host = testKit.spawn(HostActor.create());
        host.tell(new HostActor.Start("r", 7, new HostSetup(Platform.TDX, CostParameters.defaults(),
                new HostCapacity(64 * GIB, 32, 1.0, OvercommitPolicy.COUNT_PRESSURE))));
        return host;
    }

    @Test
    void windowWaitsForItsAdmissionsThenReportsTheHost() {
        ActorRef<HostActor.Command> host = prepare();
        TestProbe<HostActor.WindowDone> window = testKit.createTestProbe();
        TestProbe<HostSimulation.Outcome> guest = testKit.createTestProbe();
        host.tell(new HostActor.AdvanceTo(5_000_000_000L, 1, window.ref()));
        window.expectNoMessage(Duration.ofMillis(200));
        host.tell(new HostActor.Admit(vm(1, 0), guest.ref()));
        HostActor.WindowDone done = window.receiveMessage();
        assertEquals(new HostSimulation.Snapshot(7, 5_000_000_000L, 64L << 20, 4 * GIB, 1, 3), done.snapshot(),
                "placed, computed, accepted: three events");
    }

    @Test
    void endedVmIsReportedToItsGuestAndFinishSummarisesTheHost() {
        ActorRef<HostActor.Command> host = prepare();
        TestProbe<HostActor.WindowDone> window = testKit.createTestProbe();
        TestProbe<HostActor.Finished> finished = testKit.createTestProbe();
        TestProbe<HostSimulation.Outcome> guest = testKit.createTestProbe();
        host.tell(new HostActor.Admit(vm(1, 0), guest.ref()));
        host.tell(new HostActor.AdvanceTo(20_000_000_000L, 1, window.ref()));
        HostSimulation.Outcome outcome = guest.receiveMessage();
        assertEquals(1, outcome.vmId());
        assertEquals(10_000_000_000L, outcome.endNanos());
        assertEquals(16_384, outcome.exits(), "64 MiB on a 4K host mapping");
        window.receiveMessage();
        host.tell(new HostActor.Finish(20_000_000_000L, 1, finished.ref()));
        HostSimulation.Summary summary = finished.receiveMessage().summary();
        assertEquals(64L << 20, summary.peakCommittedBytes());
        assertEquals(1, summary.vmsPlaced());
    }
}
