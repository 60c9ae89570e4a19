package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.ContentionCurve;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.Platform;
import org.junit.jupiter.api.Test;

/** Memory hogs on many vCPUs, and the early-boot acceptance storm of large guests. */
class GuestScalingTest {

    private static final long HOUR = 3_600_000_000_000L;

    private static double drainSeconds(ModelParameters model, int vcpus, int workers) {
        HostSimulation.Outcome o = model.liveAlone(new GuestSpec(16 * GIB, vcpus, Platform.TDX,
                new AcceptancePolicy.Lazy()), new Workload.MemoryHog(workers, 1.0, 256 * MIB), HOUR, 5);
        assertTrue(o.drainedNanos() > 0, "the hog drains nr_unaccepted");
        return o.drainedNanos() / 1e9;
    }

    @Test
    void moreWorkersOnMoreVcpusDrainFasterButLessThanLinearlyUnderContention() {
        ModelParameters model = ModelParameters.defaults();
        double one = drainSeconds(model, 8, 1);
        double two = drainSeconds(model, 8, 2);
        double eight = drainSeconds(model, 8, 8);
        assertTrue(one > two && two > eight, one + " > " + two + " > " + eight);
        assertTrue(one / eight < 8 * 0.8, "contention keeps 8 workers from an 8x speed-up: " + one / eight);
        assertEquals(eight, drainSeconds(model, 8, 16), 1e-9, "workers beyond the vCPUs add nothing");
    }

    @Test
    void withoutContentionDrainingScalesWithWorkersOnVcpus() {
        ModelParameters model = ModelParameters.defaults();
        model = model.withHost(model.host().withContention(ContentionCurve.NONE));
        double one = drainSeconds(model, 8, 1);
        assertEquals(4, one / drainSeconds(model, 8, 4), 0.2);
        assertEquals(8, one / drainSeconds(model, 8, 8), 0.4);
        assertEquals(4, one / drainSeconds(model, 4, 8), 0.2, "min(workers, vCPUs) = 4");
    }

    private static long earlyKernelAccepted(int vcpus, boolean fix) {
        ModelParameters model = ModelParameters.defaults();
        model = model.withGuest(model.guest().withZeroWatermarkFix(fix).withKaslr(false));
        return model.liveAlone(new GuestSpec(256 * GIB, vcpus, Platform.TDX, new AcceptancePolicy.Lazy()),
                new Workload.Profile(new TouchProfile(0, TouchProfile.Ramp.STEP, 0, 1)), HOUR, 1)
                .acceptedEarlyKernel();
    }

    @Test
    void earlyBootAcceptanceGrowsWithVcpusUnderTheZeroWatermarkRuleAndTheFixRemovesIt() {
        long growth = earlyKernelAccepted(256, false) - earlyKernelAccepted(1, false);
        long fixedGrowth = earlyKernelAccepted(256, true) - earlyKernelAccepted(1, true);
        // per vCPU: 8 allocations of a whole 4 MiB block each, plus its 1 MiB per-CPU area
        assertTrue(growth >= 255 * 8 * 4 * MIB, "growth " + growth / MIB + "M");
        // with the fix only the per-CPU areas grow (1 MiB each, in whole 2 MiB units at most)
        assertTrue(fixedGrowth <= 255 * 2 * MIB, "fixed growth " + fixedGrowth / MIB + "M");
    }

    /** Early-kernel time the zero-watermark storm adds to a 256 GiB guest with {@code vcpus} vCPUs. */
    private static double stormSeconds(int vcpus) {
        ModelParameters model = ModelParameters.defaults();
        GuestSpec big = new GuestSpec(256 * GIB, vcpus, Platform.TDX, new AcceptancePolicy.Lazy());
        long storm = model.bootAlone(big, 1).phaseNanos(BootPhase.EARLY_KERNEL);
        long fixed = model.withGuest(model.guest().withZeroWatermarkFix(true)).bootAlone(big, 1)
                .phaseNanos(BootPhase.EARLY_KERNEL);
        return (storm - fixed) / 1e9;
    }

    @Test
    void stormCostsBootTimeThatGrowsWithContendingVcpus() {
        double eight = stormSeconds(8);
        double sixtyFour = stormSeconds(64);
        assertTrue(eight > 0, "the storm costs time: " + eight);
        // the BSP's own allocations cost the same for both; each vCPU accepts its blocks in parallel, so the rest
        // follows the contention slowdown
        assertTrue(sixtyFour > eight + 0.3, sixtyFour + " s at 64 vCPUs vs " + eight + " s at 8");
    }
}
