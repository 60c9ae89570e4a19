package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.GuestStep;
import dev.fleetsim.host.Platform;
import org.junit.jupiter.api.Test;

class GuestBootTest {

    private static final GuestCpuCosts NO_CPU = GuestCpuCosts.none();

    private static Guest prepare(long memory, int vcpus, AcceptancePolicy policy, boolean kaslr) {
        return Guest.boot(new GuestSpec(memory, vcpus, Platform.TDX, policy),
                GuestParameters.defaults().withKaslr(kaslr), NO_CPU, 7);
    }

    /** All RAM the layout has, accepted or not, plus the firmware's runtime and ACPI regions. */
    private static long everything(Guest g) {
        return g.firmwareMap().descriptors().stream().filter(d -> d.type().isFirmwareAccepted()
                || d.type() == EfiMemoryType.UNACCEPTED).mapToLong(EfiMemoryDescriptor::bytes).sum();
    }

    @Test
    void lazyFourGibibyteGuestAcceptsWhatBootNeedsWorkedOutByHand() {
        Guest g = prepare(4 * GIB, 1, new AcceptancePolicy.Lazy(), false);
        long firmware = 640 * KIB + 511 * MIB + 16 * MIB; // legacy, [1M, 512M), its own region below 2G
        // memblock, top-down from 6G: bitmap table (its 4K pulls in the last 2M unit), memmap 62M more,
        // page tables 4M, swiotlb 6% = 245M (246M in whole units), per-CPU area 2M
        long memblock = 2 * MIB + 62 * MIB + 4 * MIB + 246 * MIB + 2 * MIB;
        // 64 allocations before watermarks (no APs to bring up), one 4M block each from the list head at 508M
        // (that block is listed for its guard unit at 512M, which is the first unaccepted unit): [512M, 766M)
        long earlyAllocations = 254 * MIB;
        assertEquals(firmware + memblock + earlyAllocations, g.acceptedBytes());
        assertEquals(g.counters().unaccepted(), g.zone().unacceptedListBytes());
        assertTrue(g.counters().unaccepted() > 2 * GIB);
    }

    @Test
    void phaseCountersFollowMemoryFromFirmwareToShell() {
        Guest g = prepare(4 * GIB, 1, new AcceptancePolicy.Lazy(), false);
        var counters = g.phaseCounters();
        GuestCounters firmware = counters.get(BootPhase.FIRMWARE);
        GuestCounters early = counters.get(BootPhase.EARLY_KERNEL);
        GuestCounters shell = counters.get(BootPhase.USERSPACE);
        assertEquals(0, firmware.memTotal(), "no page allocator yet");
        assertEquals(640 * KIB + 511 * MIB + 16 * MIB, firmware.acceptedBytes());
        assertEquals(early.memTotal(), g.zone().managedBytes());
        assertTrue(early.unaccepted() > 0 && early.unaccepted() <= early.memFree());
        assertEquals(early.acceptedBytes(), shell.acceptedBytes(), "192 MiB for userspace came from free memory");
        assertEquals(early.memFree() - 192 * MIB, shell.memFree(), "userspace took 192 MiB, accepting nothing new");
    }

    @Test
    void eagerGuestsAcceptAllTheirMemory() {
        for (long memory : new long[] {4 * GIB, 64 * GIB}) {
            Guest g = prepare(memory, 4, new AcceptancePolicy.Eager(), true);
            assertEquals(everything(g), g.acceptedBytes());
            assertEquals(0, g.counters().unaccepted());
        }
    }

    @Test
    void lazySixtyFourGibibyteGuestLeavesMostUnaccepted() {
        Guest lazy = prepare(64 * GIB, 16, new AcceptancePolicy.Lazy(), true);
        Guest eager = prepare(64 * GIB, 16, new AcceptancePolicy.Eager(), true);
        assertTrue(lazy.acceptedBytes() < eager.acceptedBytes() / 12,
                lazy.acceptedBytes() / MIB + "M of " + eager.acceptedBytes() / MIB + "M");
        assertEquals(eager.acceptedBytes(), lazy.acceptedBytes() + lazy.table().orElseThrow().unacceptedBytes());
    }

    @Test
    void eachVcpuAddsZeroWatermarkAllocationsThatAcceptABlockEach() {
        long one = prepare(64 * GIB, 1, new AcceptancePolicy.Lazy(), false).acceptedBytes();
        long many = prepare(64 * GIB, 65, new AcceptancePolicy.Lazy(), false).acceptedBytes();
        // 64 more vCPUs: the boot CPU's allocations for each AP and the AP's own, and 1M of per-CPU area each;
        // the areas' 2M alignment adds whole units, the allocations add a 4M block each; the boot CPU's count per
        // AP is an average, rounded once per group of APs brought up together
        GuestParameters.SmpBringUp bringUp = GuestParameters.defaults().bringUp();
        double perAp = bringUp.bootCpuAllocationsPerAp() + bringUp.apAllocations();
        double blocks = (many - one - 64 * MIB) / (4.0 * MIB);
        assertEquals(64 * perAp, blocks, Guest.BRING_UP_GROUPS / 2.0);
        assertEquals(Math.rint(blocks), blocks, "whole 4M blocks");
    }

    @Test
    void kaslrPlacementIsDeterministicPerSeedAndInUsableMemory() {
        EfiMemoryMap map = GuestMemoryLayout.confidential(64 * GIB, new FirmwareAcceptance.FirstBytes(512 * MIB));
        long a = Decompressor.chooseOutput(map, 64 * MIB, true, new java.util.SplittableRandom(3));
        long b = Decompressor.chooseOutput(map, 64 * MIB, true, new java.util.SplittableRandom(3));
        long c = Decompressor.chooseOutput(map, 64 * MIB, true, new java.util.SplittableRandom(4));
        assertEquals(a, b);
        assertTrue(a != c, "another seed should usually land elsewhere");
        assertEquals(0, a % (2 * MIB));
        assertTrue(map.descriptors().stream().anyMatch(d -> d.physStart() <= a && a + 64 * MIB <= d.end()
                && (d.type() == EfiMemoryType.CONVENTIONAL || d.type() == EfiMemoryType.UNACCEPTED)));
    }

    @Test
    void plainGuestAcceptsNothingButReportsWhatItTouches() {
        Guest g = Guest.boot(new GuestSpec(4 * GIB, 2, Platform.PLAIN, new AcceptancePolicy.Lazy()),
                GuestParameters.defaults(), NO_CPU, 1);
        long touched = g.steps().stream().filter(s -> s instanceof GuestStep.Touch)
                .mapToLong(s -> ((GuestStep.Touch) s).bytes()).sum();
        assertEquals(0, g.acceptedBytes());
        assertTrue(touched > 64 * MIB && touched < GIB, "touched " + touched / MIB + "M");
    }

    @Test
    void structPagesCoverAllRamWhetherAcceptedOrNot() {
        Guest lazy = prepare(16 * GIB, 4, new AcceptancePolicy.Lazy(), false);
        Guest eager = prepare(16 * GIB, 4, new AcceptancePolicy.Eager(), false);
        assertEquals(eager.memmapBytes(), lazy.memmapBytes());
        long ram = lazy.memmapBytes() / 64 * 4 * KIB;
        assertTrue(ram > 15 * GIB && ram <= 16 * GIB, "64 B per 4K of the guest's RAM: " + ram);
    }
}
