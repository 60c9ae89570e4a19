package dev.fleetsim.node.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.EfiMemoryDescriptor;
import dev.fleetsim.guest.EfiMemoryMap;
import dev.fleetsim.guest.EfiMemoryType;
import dev.fleetsim.guest.FirmwareAcceptance;
import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.guest.GuestCpuCosts;
import dev.fleetsim.guest.GuestParameters;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.TouchProfile;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.AcceptPath;
import dev.fleetsim.host.AcceptRequest;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.ContentionCurve;
import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.GuestReport;
import dev.fleetsim.host.GuestStep;
import dev.fleetsim.host.GuestSteps;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostOverheadSettings;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MeanOverhead;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.PageSizeMix;
import dev.fleetsim.host.PhaseTimes;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.SnpCostModel;
import dev.fleetsim.host.TdxCostModel;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.node.actor.StudyCoordinator;
import dev.fleetsim.node.actor.SweepCoordinator;
import dev.fleetsim.node.actor.SweepWorker;
import dev.fleetsim.node.engine.WindowedRun;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.HostInventory;
import dev.fleetsim.node.study.Lifetimes;
import dev.fleetsim.node.study.TraceFormat;
import dev.fleetsim.node.study.TraceReading;
import dev.fleetsim.node.study.PlacementPolicy;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.SweepPoint;
import dev.fleetsim.node.study.VmClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Every class that crosses nodes, with a literal id. Ids are part of the wire format: every node must agree on
 * them, so a new class gets the next free id and no id ever moves or is reused ({@code KryoRegistryTest} holds
 * them against a golden list). Registration is required, so a class missing here is refused when
 * written and an unknown id is refused when read; nothing outside this list is ever instantiated from the wire.
 */
final class KryoRegistry {

    /** The first id of ours; Kryo's own defaults (primitives, String, boxed types) sit below. */
    static final int FIRST_ID = 100;

    /**
     * Fleetsim's classes with the default serializer (records Kryo's record serializer, enums its enum serializer),
     * each with its literal wire id. Ids 100 to 104 and 175 have their own serializers in {@link #newKryo}.
     */
    static final List<WireId> CLASSES = List.of(
            // hypervisor-actor model
            id(105, PageSize.class),
            id(106, PageSizeMix.class),
            id(107, AcceptPath.class),
            id(108, AcceptRequest.class),
            id(109, BootPhase.class),
            id(110, GuestStep.Compute.class),
            id(111, GuestStep.Accept.class),
            id(112, GuestStep.Touch.class),
            id(113, GuestStep.Wait.class),
            id(114, Platform.class),
            id(115, CostParameters.class),
            id(116, TdxCostModel.TdxSettings.class),
            id(117, SnpCostModel.SnpSettings.class),
            id(118, ContentionCurve.class),
            id(119, HostCapacity.class),
            id(120, OvercommitPolicy.class),
            id(121, HostSetup.class),
            id(122, HostSimulation.Admission.class),
            id(123, HostSimulation.Outcome.class),
            id(124, HostSimulation.Snapshot.class),
            id(125, HostSimulation.Summary.class),
            // host protocol
            id(126, HostRack.Start.class),
            id(127, HostRack.Admit.class),
            id(128, HostRack.AdvanceTo.class),
            id(129, HostRack.Finish.class),
            id(130, HostRack.WindowDone.class),
            id(131, HostRack.Finished.class),
            // guest-actor model and protocol
            id(132, GuestAssignment.class),
            id(133, GuestSpec.class),
            id(134, AcceptancePolicy.Eager.class),
            id(135, AcceptancePolicy.EagerFirmware.class),
            id(136, AcceptancePolicy.Lazy.class),
            id(137, AcceptancePolicy.PartialPreAccept.class),
            id(138, AcceptancePolicy.Background.class),
            id(139, ModelParameters.class),
            id(140, GuestParameters.class),
            id(141, FirmwareAcceptance.Everything.class),
            id(142, FirmwareAcceptance.Below4G.class),
            id(143, FirmwareAcceptance.FirstBytes.class),
            id(144, GuestCpuCosts.class),
            id(145, TouchProfile.class),
            id(146, TouchProfile.Ramp.class),
            id(147, HostRack.Placement.class),
            // fleet-node study and coordinator protocol
            id(148, RunConfig.class),
            id(149, VmClass.class),
            id(150, ArrivalProcess.Storm.class),
            id(151, ArrivalProcess.Poisson.class),
            id(152, ArrivalProcess.Trace.class),
            id(153, Lifetimes.Fixed.class),
            id(154, Lifetimes.Azure2019.class),
            id(155, HostInventory.class),
            id(156, PlacementPolicy.class),
            id(157, PlacementPolicy.Fit.class),
            id(158, PlacementPolicy.Basis.class),
            id(159, VmPlan.class),
            id(160, StudyCoordinator.RunScenario.class),
            id(161, StudyCoordinator.Progressed.class),
            id(162, StudyCoordinator.Working.class),
            id(163, StudyCoordinator.HostsSummarised.class),
            id(164, StudyCoordinator.ScenarioDone.class),
            // appended: workloads
            id(165, Workload.Profile.class),
            id(166, Workload.MemoryHog.class),
            id(167, Workload.Trace.class),
            id(168, Workload.Trace.Point.class),
            // appended: sweeps
            id(169, GuestReport.class),
            id(170, SweepPoint.class),
            id(171, SweepPoint.Coordinate.class),
            // appended: packed steps and phase times
            id(172, long[].class),
            id(173, PhaseTimes.class),
            // appended: a boot child's guests in one message
            id(174, HostRack.BootedGuest.class),
            // appended: whole runs of a sweep handed to node slots (175 is GuestSteps, below)
            id(176, SweepWorker.Job.class),
            id(177, SweepWorker.RunDone.class),
            id(178, SweepWorker.RunFailed.class),
            id(179, SweepCoordinator.SubmitRuns.class),
            id(180, SweepCoordinator.SweepEnded.class),
            id(181, SweepCoordinator.Queued.class),
            // appended: published trace formats
            id(182, TraceFormat.class),
            id(183, TraceReading.class),
            id(184, StudyCoordinator.ScenarioFailed.class),
            // appended: host memory beside the guest's
            id(185, HostOverheadSettings.class),
            id(186, HostOverheadSettings.Pamt.class),
            id(187, MemoryOverhead.class),
            id(188, MeanOverhead.class),
            // appended: the model's boot behaviours in parts
            id(189, GuestParameters.FirmwareSettings.class),
            id(190, GuestParameters.KernelLayout.class),
            id(191, GuestParameters.KernelBehaviour.class),
            id(192, GuestParameters.SmpBringUp.class),
            // appended: a rack's failure travels to the coordinator
            id(193, HostRack.BootFailed.class),
            id(194, HostRack.Failed.class),
            id(195, SweepWorker.Received.class),
            // appended: a VM class's own firmware memory map
            id(196, EfiMemoryMap.class),
            id(197, EfiMemoryDescriptor.class),
            id(198, EfiMemoryType.class),
            id(199, WindowedRun.Report.class),
            id(200, HostSimulation.Boot.class),
            id(201, HostSimulation.Accepted.class),
            id(202, HostSimulation.HostCost.class));

    /** A class and the id it has on the wire. */
    record WireId(int id, Class<?> type) {
    }

    private static WireId id(int id, Class<?> type) {
        return new WireId(id, type);
    }

    /** The class every typed ActorRef is in Pekko 1.x (an adapter over the classic ref). */
    private static final Class<?> TYPED_ACTOR_REF = adapterClass();

    private KryoRegistry() {
    }

    private static Class<?> adapterClass() {
        try {
            return Class.forName("org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this Pekko has no typed ActorRefAdapter", e);
        }
    }

    static Kryo newKryo(ActorRefResolver resolver) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.register(ArrayList.class, new CollectionSerializer<ArrayList<Object>>(), FIRST_ID);
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        kryo.register(List.of().getClass(), 101);
        kryo.register(List.of(1).getClass(), 102);
        kryo.register(Path.of("").getClass(), new PathSerializer(), 103);
        kryo.register(TYPED_ACTOR_REF, new ActorRefSerializer(resolver), 104);
        for (WireId w : CLASSES) {
            kryo.register(w.type(), w.id());
        }
        kryo.register(GuestSteps.class, new GuestStepsSerializer(), 175);
        return kryo;
    }

    private static final class PathSerializer extends Serializer<Path> {
        @Override
        public void write(Kryo kryo, Output output, Path path) {
            output.writeString(path.toString());
        }

        @Override
        public Path read(Kryo kryo, Input input, Class<? extends Path> type) {
            return Path.of(input.readString());
        }
    }

    /** Packed steps travel as their step records (a List to Kryo otherwise, which it could not rebuild). */
    private static final class GuestStepsSerializer extends Serializer<GuestSteps> {
        @Override
        public void write(Kryo kryo, Output output, GuestSteps steps) {
            output.writeVarInt(steps.size(), true);
            steps.forEach(step -> kryo.writeClassAndObject(output, step));
        }

        @Override
        public GuestSteps read(Kryo kryo, Input input, Class<? extends GuestSteps> type) {
            GuestSteps.Builder steps = new GuestSteps.Builder();
            for (int i = input.readVarInt(true); i > 0; i--) {
                steps.add((GuestStep) kryo.readClassAndObject(input));
            }
            return steps.build();
        }
    }

    /** Typed ActorRefs travel as their serialization format and are resolved on arrival. */
    private static final class ActorRefSerializer extends Serializer<ActorRef<?>> {
        private final ActorRefResolver resolver;

        ActorRefSerializer(ActorRefResolver resolver) {
            this.resolver = resolver;
        }

        @Override
        public void write(Kryo kryo, Output output, ActorRef<?> ref) {
            output.writeString(resolver.toSerializationFormat(ref));
        }

        @Override
        public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
            return resolver.resolveActorRef(input.readString());
        }
    }
}
