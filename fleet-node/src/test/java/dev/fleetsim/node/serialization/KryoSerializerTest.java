package dev.fleetsim.node.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import com.typesafe.config.ConfigFactory;
import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.KernelLogMemoryMap;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MeanOverhead;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.node.actor.StudyCoordinator;
import dev.fleetsim.node.actor.SweepCoordinator;
import dev.fleetsim.node.actor.SweepWorker;
import dev.fleetsim.node.engine.Scenarios;
import dev.fleetsim.node.engine.WindowedRun;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every message that crosses nodes survives Kryo unchanged; anything unregistered is refused both ways. */
@ExtendWith(TestKitJUnit5Extension.class)
class KryoSerializerTest {

    @JUnit5TestKit
    public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    @TempDir
    Path dir;

    private List<RunConfig> prepareStudies() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60\n");
        Files.writeString(dir.resolve("s.conf"), """
                vms = 50
                scenarios = [
                  { name = a, policy = eager, arrival.process = storm, lifetime { distribution = fixed } }
                  { name = b, policy = "partial:1G", platform = sev-snp, placement { policy = best-fit, basis = committed } }
                  { name = c, policy = "background:1G/s", arrival { process = trace, file = t.csv } }
                  { name = d, policy = eager-firmware, platform = plain, workload.ramp = step }
                  { name = e, policy = lazy, hosts.on-overcommit = count-pressure, workload.ramp = exponential }
                ]
                """);
        return StudyLoader.load(dir.resolve("s.conf")).runs();
    }

    private List<Object> prepareMessages() throws Exception {
        TestProbe<Object> probe = testKit.createTestProbe();
        List<Object> messages = new ArrayList<>();
        for (RunConfig study : prepareStudies()) {
            VmPlan vm = FleetGenerator.generate(study).get(0);
            GuestAssignment assignment = Scenarios.assignment(study, vm);
            HostSimulation.Admission admission = assignment.admission();
            HostSimulation sim = Scenarios.hostSetup(study).simulation(3);
            sim.admit(admission);
            List<HostSimulation.Outcome> outcomes = sim.advanceTo(Long.MAX_VALUE);
            messages.add(new HostRack.Start("r#1", 3, 32, 400, Scenarios.hostSetup(study), probe.ref().narrow()));
            messages.add(new HostRack.Admit(List.of(new HostRack.BootedGuest(3, admission))));
            messages.add(new HostRack.AdvanceTo(60, List.of(new HostRack.Placement(3, assignment)),
                    probe.ref().narrow()));
            messages.add(new HostRack.WindowDone("r#1", 3, probe.ref().narrow(), List.of(sim.snapshot()), outcomes));
            messages.add(new StudyCoordinator.RunScenario("r", study, probe.ref().narrow()));
            messages.add(new StudyCoordinator.Progressed("r", new WindowedRun.Report(5, 1, List.of(vm), outcomes,
                    List.of(sim.snapshot()))));
            messages.add(new StudyCoordinator.HostsSummarised("r", List.of(sim.summary(10))));
            SweepWorker.Job job = new SweepWorker.Job("s", 3, study, probe.ref().narrow(), probe.ref().narrow());
            messages.add(job);
            messages.add(new SweepCoordinator.SubmitRuns("s", List.of(job, job), probe.ref().narrow()));
        }
        messages.add(new SweepWorker.RunDone("3/x", 3, "127.0.0.1:2552", 12345, 400, probe.ref().narrow()));
        messages.add(new SweepWorker.RunFailed("3/x", 3, "127.0.0.1:2552", "java.lang.IllegalStateException: x",
                false, probe.ref().narrow()));
        messages.add(new SweepWorker.Received("3/x"));
        messages.add(new HostRack.BootFailed("VM 3 (128M, 1024 vCPUs) cannot boot: memblock: ...", true));
        messages.add(new HostRack.Failed("r#1", 3, "VM 3 (128M, 1024 vCPUs) cannot boot: memblock: ...", true));
        messages.add(new SweepCoordinator.SweepEnded("s"));
        messages.add(new SweepCoordinator.Queued("s", 7));
        messages.add(new HostRack.AdvanceTo(60, List.of(), probe.ref().narrow()));
        messages.add(new HostRack.Finish(60, probe.ref().narrow()));
        messages.add(new HostRack.WindowDone("r#1", 1, probe.ref().narrow(),
                List.of(new HostSimulation.Snapshot(1, 2, 3, 4, 5, 6, new MemoryOverhead(7, 8, 9, 10))), List.of()));
        messages.add(new HostRack.Finished("r#1", 1, List.of(new HostSimulation.Summary(1, 2, 3.5, 4.5, 5, 6, 7, 8,
                9, new MeanOverhead(1.5, 2.5, 3.5, 4.5))), List.of()));
        messages.add(new StudyCoordinator.Working("r"));
        messages.add(new StudyCoordinator.ScenarioDone("r", 400));
        messages.add(new StudyCoordinator.ScenarioFailed("r", "t.csv:3: arrival.file: bad row", true));
        messages.add(new HostRack.AdvanceTo(60, List.of(new HostRack.Placement(1, new GuestAssignment(1,
                new GuestSpec(4L << 30, 1, Platform.TDX, new AcceptancePolicy.Lazy()), ModelParameters.defaults(),
                new Workload.MemoryHog(4, 1.0, 1L << 28), 0, 1, 1)), new HostRack.Placement(2, new GuestAssignment(2,
                new GuestSpec(4L << 30, 1, Platform.TDX, new AcceptancePolicy.Lazy()), ModelParameters.defaults(),
                new Workload.Trace(List.of(new Workload.Trace.Point(1, 2))), 0, 1, 1)),
                new HostRack.Placement(3, new GuestAssignment(3, GuestSpec.reported(KernelLogMemoryMap.read(
                        Path.of("..", "config", "memory-maps", "tdx-4g-efi-debug.log")), 2, Platform.TDX,
                        new AcceptancePolicy.Lazy()), ModelParameters.defaults(), new Workload.MemoryHog(4, 1.0,
                        1L << 28), 0, 1, 1))), probe.ref().narrow()));
        return messages;
    }

    @Test
    void everyMessageRoundTripsThroughTheBoundKryoSerializer() throws Exception {
        Serialization serialization = SerializationExtension.get(testKit.system());
        Set<Class<?>> types = new HashSet<>();
        for (Object message : prepareMessages()) {
            Serializer serializer = serialization.findSerializerFor(message);
            assertInstanceOf(KryoSerializer.class, serializer, message.getClass().getName());
            byte[] bytes = serializer.toBinary(message);
            assertEquals(message, serializer.fromBinary(bytes, message.getClass()), message.getClass().getName());
            types.add(message.getClass());
        }
        assertEquals(21, types.size(), "every top-level message type: " + types);
    }

    @Test
    void unregisteredClassIsRefusedWhenWritten() throws Exception {
        Serializer serializer = SerializationExtension.get(testKit.system()).serializerFor(HostRack.Start.class);
        var e = assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(new java.util.Date()));
        assertTrue(e.getMessage().contains("Class is not registered: java.util.Date"), e.getMessage());
    }

    @Test
    void unknownClassIdIsRefusedWhenRead() throws Exception {
        Serializer serializer = SerializationExtension.get(testKit.system()).serializerFor(HostRack.Start.class);
        byte[] unknownId = {(byte) 0xF9, 0x07, 0x01};
        assertThrows(KryoException.class, () -> serializer.fromBinary(unknownId, Object.class));
    }

    @Test
    void javaSerializationIsOff() {
        assertEquals(false, testKit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"));
    }
}
