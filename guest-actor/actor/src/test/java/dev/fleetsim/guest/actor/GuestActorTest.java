package dev.fleetsim.guest.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.TouchProfile;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostOverheadSettings;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.host.actor.HostShards;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Guests boot as children of their host's sharded rack, and each VM's outcome comes back with a window. */
@ExtendWith(TestKitJUnit5Extension.class)
class GuestActorTest {

    @JUnit5TestKit
    public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
            pekko.cluster.sharding.passivation.strategy = none
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            """)).build();

    @Test
    void guestsBootInTheirRackAndTheirOutcomesComeWithTheWindow() {
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        HostRack.initSharding(testKit.system(), GuestActor::boot);
        int rackNumber = HostShards.rackOf(3, 32);
        EntityRef<HostRack.Command> rack = ClusterSharding.get(testKit.system())
                .entityRefFor(HostRack.TYPE_KEY, HostShards.rackEntityId("r", rackNumber));
        ModelParameters model = ModelParameters.defaults();
        rack.tell(new HostRack.Start("r", rackNumber, 32, 4, new HostSetup(Platform.TDX, model.host(),
                new HostCapacity(1L << 40, 64, 1.0, OvercommitPolicy.COUNT_PRESSURE),
                HostOverheadSettings.defaults()), testKit.createTestProbe(HostRack.Failed.class).ref()));
        long minute = 60_000_000_000L;
        Workload workload = new Workload.Profile(new TouchProfile(0.5, TouchProfile.Ramp.LINEAR, minute, 4));
        List<HostRack.Placement> guests = List.of(42L, 43L).stream().map(vm -> new HostRack.Placement(3,
                new GuestAssignment(vm, new GuestSpec(4L << 30, 1, Platform.TDX, new AcceptancePolicy.Lazy()),
                        model, workload, 0, 5 * minute, vm))).toList();
        TestProbe<HostRack.WindowDone> window = testKit.createTestProbe();
        rack.tell(new HostRack.AdvanceTo(10 * minute, guests, window.ref()));
        HostRack.WindowDone done = window.receiveMessage(Duration.ofSeconds(20));
        assertEquals(List.of(42L, 43L), done.ended().stream().map(HostSimulation.Outcome::vmId).sorted().toList());
        HostSimulation.Outcome outcome = done.ended().stream().filter(o -> o.vmId() == 42).findFirst().orElseThrow();
        assertEquals(3, outcome.hostId());
        assertTrue(outcome.boot().reachedShell());
        assertTrue(outcome.accepted().atEndBytes() > outcome.accepted().atShellBytes(), "the workload accepted more");
        assertEquals(3, done.snapshots().get(0).hostId());
        assertEquals(0, done.snapshots().get(0).residentVms(), "both VMs ended within the window");
    }

    /** A guest the kernel cannot boot fails its rack's window with why, instead of leaving the window waiting. */
    @Test
    void aGuestThatCannotBootFailsTheRunWithItsReason() {
        ModelParameters model = ModelParameters.defaults();
        TestProbe<HostRack.Failed> failed = testKit.createTestProbe();
        var rack = testKit.spawn(HostRack.create(GuestActor::boot));
        rack.tell(new HostRack.Start("r", 0, 32, 4, new HostSetup(Platform.TDX, model.host(),
                new HostCapacity(1L << 40, 64, 1.0, OvercommitPolicy.COUNT_PRESSURE),
                HostOverheadSettings.defaults()), failed.ref()));
        GuestAssignment small = new GuestAssignment(42, new GuestSpec(128L << 20, 1024, Platform.TDX,
                new AcceptancePolicy.Lazy()), model, new Workload.Profile(new TouchProfile(0.5,
                TouchProfile.Ramp.LINEAR, 60_000_000_000L, 4)), 0, 60_000_000_000L, 42);
        TestProbe<HostRack.WindowDone> window = testKit.createTestProbe();
        rack.tell(new HostRack.AdvanceTo(600_000_000_000L, List.of(new HostRack.Placement(0, small)), window.ref()));
        HostRack.Failed failure = failed.receiveMessage(Duration.ofSeconds(20));
        assertEquals(new HostRack.Failed("r", 0, "VM 42 (128M, 1024 vCPUs) cannot boot: memblock: no 64M of free RAM "
                + "for an early allocation", true), failure);
        window.expectNoMessage(Duration.ofMillis(200));
        failed.expectTerminated(rack, Duration.ofSeconds(5));
    }
}
