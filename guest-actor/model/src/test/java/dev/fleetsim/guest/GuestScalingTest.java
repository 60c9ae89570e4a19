package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.ContentionCurve;
import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.Platform;
import org.junit.jupiter.api.Test;

/** How the model scales with vCPUs: memory hogs, the early-boot storm of large TDs, firmware acceptance. */
class GuestScalingTest {

    private static final long HOUR = 3_600_000_000_000L;
    private static final ModelParameters DEFAULTS = ModelParameters.defaults();

    private static double drainSeconds(ModelParameters model, long memory, int vcpus, int workers) {
        HostSimulation.Outcome o = model.liveAlone(new GuestSpec(memory, vcpus, Platform.TDX,
                new AcceptancePolicy.Lazy()), new Workload.MemoryHog(workers, 1.0, 256 * MIB), HOUR, 5);
        assertTrue(o.accepted().drainedNanos() > 0, "the hog drains nr_unaccepted");
        return o.accepted().drainedNanos() / 1e9;
    }

    private static ModelParameters kernel(ModelParameters model, boolean zeroWatermarkFix, boolean swiotlbAfterSmp,
                                          boolean reclaim) {
        GuestParameters.KernelBehaviour k = model.guest().kernel();
        return model.withGuest(model.guest().withKernel(new GuestParameters.KernelBehaviour(zeroWatermarkFix,
                swiotlbAfterSmp, k.deferredStructPageInit(), reclaim)));
    }

    private static ModelParameters withoutTouchFloor(ModelParameters model) {
        GuestCpuCosts c = model.cpu();
        return model.withCpu(new GuestCpuCosts(c.firmwareFixedNanos(), c.stubFixedNanos(), c.decompressNanos(),
                c.kernelFixedNanos(), c.memmapInitNanosPer4K(), c.faultNanosPer4K(), c.hogWorkNanosPer4K(), 0,
                c.readyNanos(), c.reclaimDuty()));
    }

    @Test
    void moreWorkersOnMoreVcpusDrainFasterButLessThanLinearlyUnderContention() {
        double one = drainSeconds(DEFAULTS, 16 * GIB, 8, 1);
        double two = drainSeconds(DEFAULTS, 16 * GIB, 8, 2);
        double eight = drainSeconds(DEFAULTS, 16 * GIB, 8, 8);
        assertTrue(one > two && two > eight, one + " > " + two + " > " + eight);
        assertTrue(one / eight < 8 * 0.8, "contention keeps 8 workers from an 8x speed-up: " + one / eight);
        assertEquals(eight, drainSeconds(DEFAULTS, 16 * GIB, 8, 16), 1e-9,
                "with reclaim fixed, workers beyond the vCPUs add nothing");
    }

    @Test
    void withoutContentionOrBandwidthLimitDrainingScalesWithWorkersOnVcpus() {
        ModelParameters model = withoutTouchFloor(DEFAULTS.withHost(new CostParameters(DEFAULTS.host().tdx(),
                DEFAULTS.host().snp(), ContentionCurve.NONE)));
        double one = drainSeconds(model, 16 * GIB, 8, 1);
        assertEquals(4, one / drainSeconds(model, 16 * GIB, 8, 4), 0.2);
        assertEquals(8, one / drainSeconds(model, 16 * GIB, 8, 8), 0.4);
        assertEquals(4, one / drainSeconds(model, 16 * GIB, 4, 8), 0.2, "min(workers, vCPUs) = 4");
    }

    @Test
    void underEndlessReclaimMoreWorkersThanVcpusDrainFasterBecauseKswapdGetsLessOfTheVcpu() {
        ModelParameters buggy = kernel(DEFAULTS, false, false, true);
        double one = drainSeconds(buggy, 8 * GIB, 1, 1);
        double eight = drainSeconds(buggy, 8 * GIB, 1, 8);
        double duty = DEFAULTS.cpu().reclaimDuty();
        assertTrue(eight < one, eight + " < " + one);
        // 1 + duty / W of the work: kswapd takes a fair share of the vCPU while it runs
        assertEquals((1 + duty / 8) / (1 + duty), eight / one, 0.03);
        assertTrue(drainSeconds(buggy, 8 * GIB, 1, 1) > drainSeconds(DEFAULTS, 8 * GIB, 1, 1),
                "the fix removes the steal");
        assertEquals(drainSeconds(DEFAULTS, 16 * GIB, 32, 1), drainSeconds(buggy, 16 * GIB, 32, 1), 1e-9,
                "with idle vCPUs kswapd runs on one of them");
    }

    private static double lazyBootSeconds(ModelParameters model, int vcpus) {
        return model.bootAlone(new GuestSpec(32 * GIB, vcpus, Platform.TDX, new AcceptancePolicy.Lazy()), 1)
                .bootToShellNanos() / 1e9;
    }

    @Test
    void lazyBootOfALargeTdGrowsSuperLinearlyWithVcpusUntilBothFixesAreOn() {
        double one = lazyBootSeconds(DEFAULTS, 1);
        double sixteen = lazyBootSeconds(DEFAULTS, 16);
        double sixtyFour = lazyBootSeconds(DEFAULTS, 64);
        // four times the vCPUs, more than four times the added boot time
        assertTrue(sixtyFour - one > 4 * (sixteen - one), one + " / " + sixteen + " / " + sixtyFour);
        ModelParameters fixed = kernel(DEFAULTS, true, true, false);
        double fixedGrowth = lazyBootSeconds(fixed, 64) - lazyBootSeconds(fixed, 1);
        assertTrue(fixedGrowth < 0.05 * (sixtyFour - one), "with both fixes: " + fixedGrowth);
        double stormFixed = lazyBootSeconds(kernel(DEFAULTS, true, false, false), 64);
        double conversionFixed = lazyBootSeconds(kernel(DEFAULTS, false, true, false), 64);
        assertTrue(stormFixed < sixtyFour && conversionFixed < sixtyFour,
                "each fix alone: " + stormFixed + ", " + conversionFixed + " < " + sixtyFour);
        assertTrue(lazyBootSeconds(fixed, 64) < Math.min(stormFixed, conversionFixed));
    }

    @Test
    void eagerAcceptanceBeforeTheOsSpeedsUpWithVcpusButSubLinearly() {
        GuestSpec one = new GuestSpec(32 * GIB, 1, Platform.TDX, new AcceptancePolicy.EagerFirmware());
        GuestSpec eight = new GuestSpec(32 * GIB, 8, Platform.TDX, new AcceptancePolicy.EagerFirmware());
        double t1 = DEFAULTS.bootAlone(one, 1).phaseNanos(BootPhase.FIRMWARE) / 1e9;
        double t8 = DEFAULTS.bootAlone(eight, 1).phaseNanos(BootPhase.FIRMWARE) / 1e9;
        assertTrue(t8 < t1 && t1 / t8 < 8 * 0.8, t1 + " s on 1 vCPU, " + t8 + " s on 8");
        ModelParameters bootCpuOnly = DEFAULTS.withGuest(DEFAULTS.guest().withFirmware(
                new GuestParameters.FirmwareSettings(DEFAULTS.guest().firmware().lazyPreAccept(), 1, true)));
        assertEquals(t1, bootCpuOnly.bootAlone(eight, 1).phaseNanos(BootPhase.FIRMWARE) / 1e9, 0.01 * t1,
                "firmware that accepts on the boot CPU only does not speed up");
    }

    @Test
    void timeCostsLeaveWhatIsAcceptedAndCommittedUnchanged() {
        GuestSpec spec = new GuestSpec(16 * GIB, 4, Platform.TDX, new AcceptancePolicy.Lazy());
        Workload touchHalf = new Workload.Profile(new TouchProfile(0.5, TouchProfile.Ramp.LINEAR, HOUR / 2, 4));
        HostSimulation.Outcome timed = DEFAULTS.liveAlone(spec, touchHalf, HOUR, 3);
        HostSimulation.Outcome free = DEFAULTS.withCpu(GuestCpuCosts.none()).liveAlone(spec, touchHalf, HOUR, 3);
        assertEquals(free.accepted().atEndBytes(), timed.accepted().atEndBytes());
        assertEquals(free.atEnd().committedBytes(), timed.atEnd().committedBytes());
        assertTrue(timed.boot().toShellNanos() > free.boot().toShellNanos());
    }

    private static long earlyKernelAccepted(int vcpus, boolean fix) {
        ModelParameters model = kernel(DEFAULTS, fix, false, false);
        model = model.withGuest(model.guest().withKaslr(false));
        return model.liveAlone(new GuestSpec(256 * GIB, vcpus, Platform.TDX, new AcceptancePolicy.Lazy()),
                new Workload.Profile(new TouchProfile(0, TouchProfile.Ramp.STEP, 0, 1)), HOUR, 1)
                .accepted().earlyKernelBytes();
    }

    @Test
    void earlyBootAcceptanceGrowsWithVcpusUnderTheZeroWatermarkRuleAndTheFixRemovesIt() {
        GuestParameters.SmpBringUp bringUp = DEFAULTS.guest().bringUp();
        double perAp = bringUp.bootCpuAllocationsPerAp() + bringUp.apAllocations();
        long growth = earlyKernelAccepted(256, false) - earlyKernelAccepted(1, false);
        long fixedGrowth = earlyKernelAccepted(256, true) - earlyKernelAccepted(1, true);
        // per AP: a whole 4 MiB block for each of its allocations, plus its 1 MiB per-CPU area
        assertTrue(growth >= (long) (255 * perAp) * 4 * MIB, "growth " + growth / MIB + "M");
        // with the fix only the per-CPU areas grow (1 MiB each, in whole 2 MiB units at most)
        assertTrue(fixedGrowth <= 255 * 2 * MIB, "fixed growth " + fixedGrowth / MIB + "M");
    }
}
