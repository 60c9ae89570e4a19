package dev.fleetsim.node.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import dev.fleetsim.guest.AcceptancePolicy;
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
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.PageSizeMix;
import dev.fleetsim.host.PhaseTimes;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.SnpCostModel;
import dev.fleetsim.host.TdxCostModel;
import dev.fleetsim.host.actor.HostRack;
import dev.fleetsim.node.actor.StudyCoordinator;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.HostInventory;
import dev.fleetsim.node.study.Lifetimes;
import dev.fleetsim.node.study.PlacementPolicy;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.SweepPoint;
import dev.fleetsim.node.study.VmClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Every class that crosses nodes, with a fixed id. Ids are part of the wire format: every node must run the same
 * list, so append, never reorder or reuse. Registration is required, so a class missing here is refused when
 * written and an unknown id is refused when read; nothing outside this list is ever instantiated from the wire.
 */
final class KryoRegistry {

    /** The first id of ours; Kryo's own defaults (primitives, String, boxed types) sit below. */
    static final int FIRST_ID = 100;

    /** Fleetsim's classes in wire order. Records use Kryo's record serializer, enums its enum serializer. */
    static final List<Class<?>> CLASSES = List.of(
            // hypervisor-actor model
            PageSize.class, PageSizeMix.class, AcceptPath.class, AcceptRequest.class, BootPhase.class,
            GuestStep.Compute.class, GuestStep.Accept.class, GuestStep.Touch.class, GuestStep.Wait.class,
            Platform.class, CostParameters.class, TdxCostModel.TdxSettings.class, SnpCostModel.SnpSettings.class,
            ContentionCurve.class, HostCapacity.class, OvercommitPolicy.class, HostSetup.class,
            HostSimulation.Admission.class, HostSimulation.Outcome.class, HostSimulation.Snapshot.class,
            HostSimulation.Summary.class,
            // host protocol
            HostRack.Start.class, HostRack.Admit.class, HostRack.AdvanceTo.class, HostRack.Finish.class,
            HostRack.WindowDone.class, HostRack.Finished.class,
            // guest-actor model and protocol
            GuestAssignment.class, GuestSpec.class, AcceptancePolicy.Eager.class,
            AcceptancePolicy.EagerFirmware.class, AcceptancePolicy.Lazy.class,
            AcceptancePolicy.PartialPreAccept.class, AcceptancePolicy.Background.class, ModelParameters.class,
            GuestParameters.class, FirmwareAcceptance.Everything.class, FirmwareAcceptance.Below4G.class,
            FirmwareAcceptance.FirstBytes.class, GuestCpuCosts.class, TouchProfile.class, TouchProfile.Ramp.class,
            HostRack.Placement.class,
            // fleet-node study and coordinator protocol
            StudyConfig.class, VmClass.class, ArrivalProcess.Storm.class, ArrivalProcess.Poisson.class,
            ArrivalProcess.Trace.class, Lifetimes.Fixed.class, Lifetimes.Azure2019.class, HostInventory.class,
            PlacementPolicy.class, PlacementPolicy.Fit.class, PlacementPolicy.Basis.class, VmPlan.class,
            StudyCoordinator.RunScenario.class, StudyCoordinator.Progressed.class, StudyCoordinator.Working.class,
            StudyCoordinator.HostsSummarised.class, StudyCoordinator.ScenarioDone.class,
            // appended: workloads
            Workload.Profile.class, Workload.MemoryHog.class, Workload.Trace.class, Workload.Trace.Point.class,
            // appended: sweeps
            GuestReport.class, SweepPoint.class, SweepPoint.Coordinate.class,
            // appended: packed steps and phase times
            long[].class, PhaseTimes.class,
            // appended: a boot child's guests in one message
            HostRack.BootedGuest.class);

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
        int id = FIRST_ID;
        kryo.register(ArrayList.class, new CollectionSerializer<ArrayList<Object>>(), id++);
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        kryo.register(List.of().getClass(), id++);
        kryo.register(List.of(1).getClass(), id++);
        kryo.register(Path.of("").getClass(), new PathSerializer(), id++);
        kryo.register(TYPED_ACTOR_REF, new ActorRefSerializer(resolver), id++);
        for (Class<?> c : CLASSES) {
            kryo.register(c, id++);
        }
        kryo.register(GuestSteps.class, new GuestStepsSerializer(), id++);
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
