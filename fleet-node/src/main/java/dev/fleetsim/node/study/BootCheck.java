package dev.fleetsim.node.study;

import dev.fleetsim.guest.Guest;
import dev.fleetsim.guest.GuestPanic;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.host.Sizes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Boots each VM class of a study alone once, at load, so a class the guest kernel cannot boot (too little memory
 * for its vCPUs) is the study's error, named by its key, before any run starts, rather than a failure in the middle
 * of a fleet. A boot is the model's work for one guest; classes that boot alike (same size, platform, policy and
 * guest model) are booted once for the whole study.
 */
final class BootCheck {

    private record Boot(GuestSpec spec, ModelParameters model) {
    }

    private final Set<Boot> booted = new HashSet<>();

    /** {@code run} as read from {@code v}, once each of its classes has booted. */
    RunConfig check(StudyValues v, RunConfig run) {
        if (run.arrival() instanceof ArrivalProcess.Trace) {
            // a trace gives each VM its own size; its classes are not drawn from
            return run;
        }
        List<VmClass> classes = run.vmClasses();
        for (int i = 0; i < classes.size(); i++) {
            VmClass c = classes.get(i);
            GuestSpec spec = new GuestSpec(c.memoryBytes(), c.vcpus(), run.platform(), run.policy(), c.memoryMap());
            Boot boot = new Boot(spec, run.model());
            if (booted.contains(boot)) {
                continue;
            }
            try {
                Guest.boot(spec, run.model().guest(), run.model().cpu(), run.seed());
            } catch (GuestPanic e) {
                throw v.error("vm-classes[" + i + "]", "'" + c.name() + "': " + Sizes.format(c.memoryBytes())
                        + " with " + c.vcpus() + " vCPUs cannot boot: " + e.getMessage()
                        + "; give it more memory or fewer vCPUs");
            }
            booted.add(boot);
        }
        return run;
    }
}
