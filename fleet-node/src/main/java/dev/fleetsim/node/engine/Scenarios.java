package dev.fleetsim.node.engine;

import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.RunConfig;

/** The translations from a study to what guests and hosts receive, shared by both engines. */
public final class Scenarios {

    private Scenarios() {
    }

    public static HostSetup hostSetup(RunConfig study) {
        return new HostSetup(study.platform(), study.model().host(), study.hosts().capacity(),
                study.hosts().overhead());
    }

    public static GuestAssignment assignment(RunConfig study, VmPlan vm) {
        long end = Math.min(study.durationNanos(), vm.arrivalNanos() + vm.lifetimeNanos());
        GuestSpec spec = new GuestSpec(vm.memoryBytes(), vm.vcpus(), study.platform(), study.policy(),
                study.memoryMapOf(vm.vmClass()));
        return new GuestAssignment(vm.vmId(), spec, study.model(), study.workload(), vm.arrivalNanos(), end,
                vm.seed());
    }

    /** The end of window {@code index} (counting from 0), the last one cut at the study's end. */
    public static long windowEnd(RunConfig study, int index) {
        return Math.min(study.durationNanos(), (index + 1) * study.windowNanos());
    }

    /** Whether hosts.csv gets a sample after window {@code index}. */
    public static boolean sampled(RunConfig study, int index) {
        return (index + 1) % study.sampleEvery() == 0 || index == study.windows() - 1;
    }
}
