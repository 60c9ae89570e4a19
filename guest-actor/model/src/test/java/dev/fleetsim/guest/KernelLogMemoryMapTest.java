package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelLogMemoryMapTest {

    private static EfiMemoryMap prepareSample() throws Exception {
        return KernelLogMemoryMap.read(Path.of("..", "..", "config", "memory-maps", "tdx-4g-efi-debug.log"));
    }

    @Test
    void sampleLogParsesEveryDescriptor() throws Exception {
        EfiMemoryMap map = prepareSample();
        assertEquals(11, map.descriptors().size());
        EfiMemoryDescriptor unaccepted = map.descriptors().get(3);
        assertEquals(EfiMemoryType.UNACCEPTED, unaccepted.type());
        assertEquals(512 * MIB, unaccepted.physStart());
        assertEquals(0x7d10_0000L, unaccepted.end(), "the printed end is inclusive");
        assertEquals(EfiMemoryDescriptor.ATTRIBUTE_WB | 0x7, unaccepted.attributes());
        assertEquals(1L << 63 | 0xf, map.descriptors().get(8).attributes(), "Runtime Data carries RUN");
    }

    @Test
    void sampleLogRunsThroughTheStubWithItsUnalignedTail() throws Exception {
        AcceptLog log = new AcceptLog();
        EfiStub.Result r = EfiStub.run(prepareSample(), 2 * MIB, log);
        // mem03 ends at 0x7d100000 (1M past a unit), mem09 at 0x17fe01000 (4K past one)
        assertEquals(List.of(AcceptLog.range(0x7d00_0000L, 0x7d10_0000L),
                AcceptLog.range(0x1_7fe0_0000L, 0x1_7fe0_1000L)), log.ranges);
        UnacceptedTable table = r.table().orElseThrow();
        assertEquals(512 * MIB, table.physBase());
        assertEquals((0x7d00_0000L - 512 * MIB) + (0x1_7fe0_0000L - 4 * GIB), table.unacceptedBytes());
        assertEquals(4 * KIB + MIB, log.bytes());
    }

    @Test
    void malformedLineIsReportedWithItsNumber() {
        var e = assertThrows(MemoryMapException.class, () -> KernelLogMemoryMap.parse("guest.log", List.of(
                "[    0.000000] efi: EFI v2.7 by EDK II",
                "[    0.000000] efi: mem00: [Conventional|   |WB] range=[0x0000000000000000-0x0000000000000fff] (0MB)",
                "[    0.000000] efi: mem01: [Conventional|   |WB] range=[0x0000000000001000-oops] (0MB)")));
        assertEquals("guest.log:3: expected 'efi: memNN: [Type|attrs] range=[0xSTART-0xEND]', got "
                + "'[    0.000000] efi: mem01: [Conventional|   |WB] range=[0x0000000000001000-oops] (0MB)'",
                e.getMessage());
    }

    @Test
    void unknownTypeIsReportedWithTheAllowedNames() {
        var e = assertThrows(MemoryMapException.class, () -> KernelLogMemoryMap.parse("guest.log", List.of(
                "efi: mem00: [Bogus       |   |WB] range=[0x0000000000000000-0x0000000000000fff] (0MB)")));
        assertEquals("guest.log:1: unknown EFI memory type 'Bogus': allowed Reserved, Loader Code, Loader Data, "
                + "Boot Code, Boot Data, Runtime Code, Runtime Data, Conventional, Unusable, ACPI Reclaim, "
                + "ACPI Mem NVS, MMIO, MMIO Port, PAL Code, Persistent, Unaccepted", e.getMessage());
    }

    @Test
    void partialPageRangeIsRejected() {
        var e = assertThrows(MemoryMapException.class, () -> KernelLogMemoryMap.parse("guest.log", List.of(
                "efi: mem00: [Conventional|   |WB] range=[0x0000000000000000-0x0000000000000ffe] (0MB)")));
        assertEquals("guest.log:1: range [0x0-0xffe] is not a whole number of 4 KiB pages", e.getMessage());
    }

    @Test
    void overlappingDescriptorsAreReportedByTypeAndRange() {
        var e = assertThrows(MemoryMapException.class, () -> KernelLogMemoryMap.parse("guest.log", List.of(
                "efi: mem00: [Conventional|   |WB] range=[0x0000000000000000-0x0000000000001fff] (0MB)",
                "efi: mem01: [Unaccepted  |   |WB] range=[0x0000000000001000-0x0000000000002fff] (0MB)")));
        assertEquals("guest.log: descriptors overlap: Conventional [0x0-0x2000) and Unaccepted [0x1000-0x3000)",
                e.getMessage());
    }

    @Test
    void logWithoutMemoryMapSaysHowToGetOne() {
        var e = assertThrows(MemoryMapException.class,
                () -> KernelLogMemoryMap.parse("guest.log", List.of("Linux version 6.8.0")));
        assertEquals("guest.log: no 'efi: memNN:' lines (boot the guest with efi=debug)", e.getMessage());
    }

    private static String line(int n, String type, String attrs, long start, long lastByte) {
        return String.format("[    0.000000] efi: mem%02d: [%-12s|%s|  |  |  |  |  |  |  |   |WB|WT|WC|UC] "
                + "range=[0x%016x-0x%016x] (0MB)", n, type, attrs, start, lastByte);
    }

    @Test
    void descriptorsStayInFirmwareOrderAndTheStubWritesE820InThatOrder() {
        EfiMemoryMap map = KernelLogMemoryMap.parse("dmesg", List.of(
                line(0, "Conventional", "   ", 0x100000, 0x7fffffff),
                line(1, "Conventional", "   ", 0, 0x9ffff),
                line(2, "Reserved", "   ", 0xa0000, 0xfffff)));
        assertEquals(List.of(0x100000L, 0L, 0xa0000L), map.descriptors().stream()
                .map(EfiMemoryDescriptor::physStart).toList());
        EfiStub.Result r = EfiStub.run(map, 2 * MIB, new AcceptLog());
        assertEquals(List.of(0x100000L, 0L, 0xa0000L), r.e820().stream().map(E820Entry::start).toList());
    }

    @Test
    void oemTypesAndEmptyDescriptorsAreSkippedAsTheKernelSkipsThem() {
        EfiMemoryMap map = KernelLogMemoryMap.parse("dmesg", List.of(
                line(0, "Conventional", "   ", 0, 0x9ffff),
                line(1, "type=1879048193", "   ", 0xa0000, 0xaffff),
                line(2, "Conventional", "   ", 0x100000, 0xfffff),
                line(3, "type=7", "   ", 0x100000, 0x1fffff)));
        assertEquals(2, map.descriptors().size());
        assertEquals(EfiMemoryType.CONVENTIONAL, map.descriptors().get(1).type(), "type=7 is Conventional");
        assertEquals(0xa0000L + MIB, map.usableBytes());
    }

    @Test
    void specificPurposeMemoryIsSoftReservedNotRam() {
        EfiMemoryMap map = KernelLogMemoryMap.parse("dmesg", List.of(
                line(0, "Conventional", "   ", 0, 0x9ffff),
                line(1, "Conventional", "SP ", 0x100000, 0x1fffff)));
        assertEquals(0xa0000L, map.usableBytes());
        EfiStub.Result r = EfiStub.run(map, 2 * MIB, new AcceptLog());
        assertEquals(E820Type.SOFT_RESERVED, r.e820().get(1).type());
    }

    @Test
    void onlyOverlapsAreRefused() {
        MemoryMapException e = assertThrows(MemoryMapException.class, () -> KernelLogMemoryMap.parse("dmesg",
                List.of(line(0, "Conventional", "   ", 0, 0x1fffff), line(1, "Reserved", "   ", 0x100000, 0x2fffff))));
        assertEquals("dmesg: descriptors overlap: Conventional [0x0-0x200000) and Reserved [0x100000-0x300000)",
                e.getMessage());
    }
}
