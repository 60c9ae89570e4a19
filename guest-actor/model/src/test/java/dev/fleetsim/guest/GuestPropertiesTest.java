package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.Platform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants over many random guests and workloads (hand-rolled with a fixed seed, so a failure names the case
 * and reproduces).
 */
class GuestPropertiesTest {

    private static final int CASES = 200;
    private static final AcceptancePolicy[] POLICIES = {
        new AcceptancePolicy.Eager(), new AcceptancePolicy.EagerFirmware(), new AcceptancePolicy.Lazy(),
        new AcceptancePolicy.PartialPreAccept(GIB), new AcceptancePolicy.Background(64 * MIB),
    };
    private static final long[] UNITS = {4 * KIB, 64 * KIB, 2 * MIB, 16 * MIB, GIB};

    private record Case(int index, Guest guest) {
        String name() {
            GuestSpec s = guest.spec();
            return "case " + index + ": " + s.memoryBytes() / MIB + "M " + s.vcpus() + " vCPU "
                    + s.policy().configName() + " unit " + guest.table().map(t -> t.unitSize() / KIB + "K").orElse("-");
        }
    }

    private static Case prepare(int index) {
        SplittableRandom random = new SplittableRandom(1000 + index);
        long memory = (128 + random.nextLong(256 * 1024 - 128)) / 2 * 2 * MIB;
        GuestSpec spec = new GuestSpec(memory, 1 + random.nextInt(64), Platform.TDX,
                POLICIES[random.nextInt(POLICIES.length)]);
        GuestParameters parameters = GuestParameters.defaults().withUnitSize(UNITS[random.nextInt(UNITS.length)]);
        Guest guest = Guest.boot(spec, parameters, GuestCpuCosts.none(), random.nextLong());
        for (int step = 0; step < 20; step++) {
            long bytes = random.nextLong(memory / 8);
            if (random.nextBoolean()) {
                guest.allocate(bytes);
            } else {
                guest.free(Math.min(bytes, guest.zone().allocatedBytes()));
            }
            guest.acceptInBackground(random.nextLong(64 * MIB));
        }
        return new Case(index, guest);
    }

    @Test
    void acceptedBytesNeverExceedGuestMemoryAndNothingIsAcceptedTwice() {
        for (int i = 0; i < CASES; i++) {
            Case c = prepare(i);
            Guest g = c.guest();
            assertTrue(g.acceptedBytes() <= g.spec().memoryBytes(), c.name());
            long acceptedRam = g.firmwareMap().usableBytes() + otherFirmwareAccepted(g) - g.rangeTracker().unacceptedBytes();
            assertEquals(acceptedRam, g.acceptedBytes(), c.name() + ": accepted bytes double-counted or lost");
        }
    }

    @Test
    void bitmapAndRangeTrackingAgreeOnWhatIsAccepted() {
        for (int i = 0; i < CASES; i++) {
            Case c = prepare(i);
            Guest g = c.guest();
            E820RangeTracker ranges = g.rangeTracker();
            g.table().ifPresent(table -> {
                assertEquals(table.unacceptedBytes(), ranges.unacceptedBytes(), c.name());
                for (UnitRangeSet.Run run : table.unacceptedUnits()) {
                    long start = table.physBase() + run.start() * table.unitSize();
                    long end = table.physBase() + run.end() * table.unitSize();
                    for (long probe : new long[] {start - 1, start, end - 1, end}) {
                        assertEquals(table.isAccepted(probe), ranges.isAccepted(probe), c.name() + " at " + probe);
                    }
                }
            });
        }
    }

    @Test
    void eagerPoliciesAcceptEverything() {
        for (int i = 0; i < CASES; i++) {
            Case c = prepare(i);
            Guest g = c.guest();
            if (!g.spec().policy().lazyKernel()) {
                assertEquals(0, g.table().map(UnacceptedTable::unacceptedBytes).orElse(0L), c.name());
                assertEquals(0, g.zone().unacceptedListBytes(), c.name());
                assertEquals(g.firmwareMap().usableBytes() + otherFirmwareAccepted(g), g.acceptedBytes(), c.name());
            }
        }
    }

    @Test
    void unacceptedCounterNeverExceedsFreeMemory() {
        for (int i = 0; i < CASES; i++) {
            Case c = prepare(i);
            GuestCounters counters = c.guest().counters();
            assertTrue(counters.unaccepted() <= counters.memFree(), c.name());
            assertTrue(counters.memFree() <= counters.memTotal(), c.name());
        }
    }

    /** Firmware-accepted memory that is not usable RAM: runtime data and ACPI tables. */
    private static long otherFirmwareAccepted(Guest g) {
        return g.firmwareMap().descriptors().stream()
                .filter(d -> d.type().isFirmwareAccepted() && !d.type().isUsableRam())
                .mapToLong(EfiMemoryDescriptor::bytes).sum();
    }
}
