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
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.actor.HostActor;
import dev.fleetsim.host.actor.HostShards;
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

/** A guest admits itself to its sharded host and reports its outcome once the host ends its VM. */
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
    void guestBootsOnItsHostAndReportsWhenItsVmEnds() {
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        HostActor.initSharding(testKit.system());
        EntityRef<HostActor.Command> host = ClusterSharding.get(testKit.system())
                .entityRefFor(HostActor.TYPE_KEY, HostShards.hostEntityId("r", 3));
        ModelParameters model = ModelParameters.defaults();
        host.tell(new HostActor.Start("r", 3, new HostSetup(Platform.TDX, model.host(),
                new HostCapacity(1L << 40, 64, 1.0, OvercommitPolicy.COUNT_PRESSURE))));
        TestProbe<HostSimulation.Outcome> coordinator = testKit.createTestProbe();
        long minute = 60_000_000_000L;
        GuestAssignment assignment = new GuestAssignment(42, new GuestSpec(4L << 30, 1, Platform.TDX,
                new AcceptancePolicy.Lazy()), model, new Workload.Profile(new TouchProfile(0.5, TouchProfile.Ramp.LINEAR, minute, 4)), 0,
                5 * minute, 9);
        testKit.spawn(GuestActor.create()).tell(new GuestActor.Boot("r", 3, assignment, coordinator.ref()));
        TestProbe<HostActor.WindowDone> window = testKit.createTestProbe();
        host.tell(new HostActor.AdvanceTo(10 * minute, 1, window.ref()));
        HostSimulation.Outcome outcome = coordinator.receiveMessage(java.time.Duration.ofSeconds(20));
        assertEquals(42, outcome.vmId());
        assertEquals(3, outcome.hostId());
        assertTrue(outcome.reachedShell());
        assertEquals(model.bootAlone(assignment.spec(), 9).bootToShellNanos(), outcome.bootToShellNanos(),
                "alone on its host, the guest boots as the single-VM timeline says");
        assertTrue(outcome.acceptedAtEnd() > outcome.acceptedAtShell(), "the workload accepted more");
    }
}
