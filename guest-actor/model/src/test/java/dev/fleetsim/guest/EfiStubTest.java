package dev.fleetsim.guest;

import static dev.fleetsim.guest.AcceptLog.range;
import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;
import static dev.fleetsim.host.Sizes.PIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors worked out by hand from the kernel's rules (allocate_unaccepted_bitmap, process_unaccepted_memory),
 * 2 MiB units unless a test says otherwise.
 */
class EfiStubTest {

    private static final long UNIT = 2 * MIB;

    private record Outcome(UnacceptedTable table, AcceptLog accepted, List<E820Entry> e820) {
        List<UnitRangeSet.Run> bits() {
            return table.unacceptedUnits();
        }
    }

    private static Outcome prepare(long unit, EfiMemoryDescriptor... descriptors) {
        AcceptLog log = new AcceptLog();
        EfiStub.Result result = EfiStub.run(new EfiMemoryMap(Arrays.asList(descriptors)), unit, log);
        return new Outcome(result.table().orElseThrow(), log, result.e820());
    }

    private static EfiMemoryDescriptor unaccepted(long start, long end) {
        return EfiMemoryDescriptor.ram(EfiMemoryType.UNACCEPTED, start, end);
    }

    private static EfiMemoryDescriptor conventional(long start, long end) {
        return EfiMemoryDescriptor.ram(EfiMemoryType.CONVENTIONAL, start, end);
    }

    private static UnitRangeSet.Run bits(long from, long to) {
        return new UnitRangeSet.Run(from, to);
    }

    @Test
    void alignedRangeIsRecordedWholeAndNothingAcceptedUpfront() {
        Outcome o = prepare(UNIT, unaccepted(4 * GIB, 8 * GIB));
        assertEquals(4 * GIB, o.table().physBase());
        assertEquals(256, o.table().bitmapBytes());
        assertEquals(List.of(bits(0, 2048)), o.bits());
        assertEquals(List.of(), o.accepted().ranges);
    }

    @Test
    void unalignedHeadIsAcceptedUpfront() {
        Outcome o = prepare(UNIT, unaccepted(4 * GIB + 4 * KIB, 4 * GIB + 16 * MIB));
        assertEquals(4 * GIB, o.table().physBase());
        assertEquals(1, o.table().bitmapBytes());
        assertEquals(List.of(range(4 * GIB + 4 * KIB, 4 * GIB + 2 * MIB)), o.accepted().ranges);
        assertEquals(List.of(bits(1, 8)), o.bits());
    }

    @Test
    void unalignedTailIsAcceptedUpfront() {
        Outcome o = prepare(UNIT, unaccepted(4 * GIB, 4 * GIB + 16 * MIB + 8 * KIB));
        assertEquals(2, o.table().bitmapBytes(), "18 MiB of span is 9 bits, 2 bytes");
        assertEquals(List.of(range(4 * GIB + 16 * MIB, 4 * GIB + 16 * MIB + 8 * KIB)), o.accepted().ranges);
        assertEquals(List.of(bits(0, 8)), o.bits());
    }

    @Test
    void rangeShorterThanTwoUnitsIsAcceptedWhole() {
        Outcome o = prepare(UNIT, unaccepted(4 * GIB + 4 * KIB, 4 * GIB + 4 * MIB));
        assertEquals(List.of(range(4 * GIB + 4 * KIB, 4 * GIB + 4 * MIB)), o.accepted().ranges);
        assertEquals(List.of(), o.bits());
    }

    @Test
    void twoUnitsUnalignedKeepOneBitAndAcceptBothEdges() {
        Outcome o = prepare(UNIT, unaccepted(2 * MIB + 4 * KIB, 6 * MIB + 4 * KIB));
        assertEquals(2 * MIB, o.table().physBase());
        assertEquals(List.of(range(2 * MIB + 4 * KIB, 4 * MIB), range(6 * MIB, 6 * MIB + 4 * KIB)),
                o.accepted().ranges);
        assertEquals(List.of(bits(1, 2)), o.bits());
        assertEquals(2 * MIB, o.accepted().bytes());
    }

    @Test
    void holeBetweenRangesIsInTheWindowButNotInTheBitmap() {
        Outcome o = prepare(UNIT, unaccepted(GIB, 2 * GIB), conventional(2 * GIB, 3 * GIB),
                unaccepted(4 * GIB, 6 * GIB));
        assertEquals(GIB, o.table().physBase());
        assertEquals(320, o.table().bitmapBytes(), "5 GiB of span at 2 MiB a bit");
        assertEquals(List.of(bits(0, 512), bits(1536, 2560)), o.bits());
        assertEquals(3 * GIB, o.table().unacceptedBytes());
    }

    @Test
    void oneBitmapPageTracksSixtyFourGibibytes() {
        assertEquals(4096, prepare(UNIT, unaccepted(4 * GIB, 68 * GIB)).table().bitmapBytes());
        Outcome big = prepare(UNIT, unaccepted(4 * GIB, 132 * GIB));
        assertEquals(8192, big.table().bitmapBytes());
        assertEquals(List.of(bits(0, 65536)), big.bits());
    }

    @Test
    void fourPebibyteSparseSpaceNeedsTwoHundredFiftySixMebibytesOfBitmap() {
        Outcome o = prepare(UNIT, unaccepted(0, 64 * MIB), unaccepted(4 * PIB - 64 * MIB, 4 * PIB));
        assertEquals(256 * MIB, o.table().bitmapBytes());
        long lastBit = 4 * PIB / UNIT;
        assertEquals(List.of(bits(0, 32), bits(lastBit - 32, lastBit)), o.bits());
    }

    @Test
    void partsOutsideAnExplicitWindowAreAcceptedUpfront() {
        UnacceptedTable table = new UnacceptedTable(4 * GIB, 1, UNIT);
        AcceptLog log = new AcceptLog();
        EfiStub.processUnacceptedMemory(table, 2 * GIB, 4 * GIB + 32 * MIB, log);
        assertEquals(List.of(range(2 * GIB, 4 * GIB), range(4 * GIB + 16 * MIB, 4 * GIB + 32 * MIB)), log.ranges);
        assertEquals(List.of(bits(0, 8)), table.unacceptedUnits());
    }

    @Test
    void gigabyteUnitAcceptsUpToTheFirstWholeUnit() {
        Outcome o = prepare(GIB, unaccepted(4 * GIB + 4 * KIB, 8 * GIB));
        assertEquals(4 * GIB, o.table().physBase());
        assertEquals(List.of(range(4 * GIB + 4 * KIB, 5 * GIB)), o.accepted().ranges);
        assertEquals(List.of(bits(1, 4)), o.bits());
    }

    @Test
    void adjacentDescriptorsAreProcessedSeparatelyButMergedInE820() {
        Outcome o = prepare(UNIT, unaccepted(4 * GIB, 4 * GIB + 3 * MIB), unaccepted(4 * GIB + 3 * MIB, 4 * GIB + 8 * MIB));
        assertEquals(List.of(range(4 * GIB, 4 * GIB + 3 * MIB), range(4 * GIB + 3 * MIB, 4 * GIB + 4 * MIB)),
                o.accepted().ranges);
        assertEquals(List.of(bits(2, 4)), o.bits());
        assertEquals(List.of(new E820Entry(4 * GIB, 4 * GIB + 8 * MIB, E820Type.RAM)), o.e820());
    }

    @Test
    void firmwareTypesMapToTheStubsE820Types() {
        AcceptLog log = new AcceptLog();
        EfiStub.Result r = EfiStub.run(GuestMemoryLayout.confidential(4 * GIB, new FirmwareAcceptance.Below4G()),
                UNIT, log);
        assertTrue(r.e820().stream().anyMatch(e -> e.type() == E820Type.ACPI));
        assertTrue(r.e820().stream().anyMatch(e -> e.type() == E820Type.NVS));
        assertTrue(r.e820().stream().anyMatch(e -> e.type() == E820Type.RESERVED), "runtime services data");
        assertEquals(2 * GIB, r.table().orElseThrow().unacceptedBytes(), "all of high memory");
    }
}
