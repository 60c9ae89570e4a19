package dev.fleetsim.host;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;
import static dev.fleetsim.host.Sizes.TIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetsim.host.HostOverheadSettings.Pamt;
import org.junit.jupiter.api.Test;

class HostOverheadModelTest {

    private static HostOverheadModel prepare(Platform platform, Pamt pamt, PageSize mapping) {
        return new HostOverheadModel(HostOverheadSettings.defaults().withPamt(pamt), platform, mapping, TIB);
    }

    @Test
    void staticPamtHas16BytesPerPageAtEachLevelForAllHostMemory() {
        long entries = TIB / (4 * KIB) + TIB / (2 * MIB) + TIB / GIB;
        assertEquals(new MemoryOverhead(0, 16 * entries, 0, 0),
                prepare(Platform.TDX, Pamt.STATIC, PageSize.SIZE_4K).host());
    }

    @Test
    void dynamicPamtKeepsTheUpperLevelsAndOneBitPer4KStatic() {
        long upper = 16 * (TIB / (2 * MIB) + TIB / GIB);
        long bitmap = TIB / (4 * KIB) / 8;
        assertEquals(upper + bitmap, prepare(Platform.TDX, Pamt.DYNAMIC, PageSize.SIZE_4K).host().pamtBytes());
    }

    @Test
    void dynamicPamtAddsAPagePairPer2MRangeOf4KPrivatePages() {
        HostOverheadModel model = prepare(Platform.TDX, Pamt.DYNAMIC, PageSize.SIZE_4K);
        assertEquals(0, model.vm(8 * GIB, 0).pamtBytes());
        assertEquals(8 * KIB, model.vm(8 * GIB, 4 * KIB).pamtBytes(), "one 4K page needs its 2M range's pair");
        assertEquals(2048 * 8 * KIB, model.vm(8 * GIB, 4 * GIB).pamtBytes());
    }

    @Test
    void pagesMappedAt2MNeedNo4KLevelPamt() {
        assertEquals(0, prepare(Platform.TDX, Pamt.DYNAMIC, PageSize.SIZE_2M).vm(8 * GIB, 4 * GIB).pamtBytes());
    }

    @Test
    void staticPamtChargesNothingPerVm() {
        assertEquals(0, prepare(Platform.TDX, Pamt.STATIC, PageSize.SIZE_4K).vm(8 * GIB, 8 * GIB).pamtBytes());
    }

    @Test
    void secureEptHasALastLevelTablePer2MOf4KMappingsAndKvmsMirror() {
        HostOverheadModel model = prepare(Platform.TDX, Pamt.STATIC, PageSize.SIZE_4K);
        // 4 GiB at 4K: 2048 last-level tables, 4 above them (one per 1G), 1 above those
        assertEquals((2048 + 4 + 1) * 4 * KIB * 2, model.vm(8 * GIB, 4 * GIB).septBytes());
        assertEquals(0, model.vm(8 * GIB, 0).septBytes());
    }

    @Test
    void secureEptAt2MNeedsNoLastLevelTables() {
        HostOverheadModel model = prepare(Platform.TDX, Pamt.STATIC, PageSize.SIZE_2M);
        assertEquals((4 + 1) * 4 * KIB * 2, model.vm(8 * GIB, 4 * GIB).septBytes());
    }

    @Test
    void withoutTheMirrorOnlyTheTdxModulesTablesCount() {
        HostOverheadSettings d = HostOverheadSettings.defaults();
        HostOverheadSettings noMirror = new HostOverheadSettings(d.pamt(), d.pamtEntryBytes(),
                d.dynamicPamtBitmapBits(), d.dynamicPamtPairBytes(), d.rmpEntryBytes(), false, d.vmmFixedBytes(),
                d.vmmBytesPerGib());
        HostOverheadModel model = new HostOverheadModel(noMirror, Platform.TDX, PageSize.SIZE_4K, TIB);
        assertEquals((2048 + 4 + 1) * 4 * KIB, model.vm(8 * GIB, 4 * GIB).septBytes());
    }

    @Test
    void rmpHas16BytesPer4KOfHostMemoryAndNothingPerVm() {
        HostOverheadModel model = prepare(Platform.SEV_SNP, Pamt.STATIC, PageSize.SIZE_4K);
        assertEquals(new MemoryOverhead(0, 0, 16 * TIB / (4 * KIB), 0), model.host());
        assertEquals(new MemoryOverhead(0, 0, 0, 64 * MIB + 8 * MIB), model.vm(8 * GIB, 8 * GIB));
    }

    @Test
    void vmmCostsAFixedPartPlusAPartPerGibOfConfiguredMemory() {
        HostOverheadModel plain = prepare(Platform.PLAIN, Pamt.STATIC, PageSize.SIZE_4K);
        assertEquals(MemoryOverhead.NONE, plain.host());
        assertEquals(new MemoryOverhead(0, 0, 0, 64 * MIB + 16 * MIB), plain.vm(16 * GIB, 3 * GIB));
    }

    @Test
    void aPetabyteGuestIsPricedFromItsByteCounts() {
        HostOverheadModel model = new HostOverheadModel(HostOverheadSettings.defaults().withPamt(Pamt.DYNAMIC),
                Platform.TDX, PageSize.SIZE_4K, Sizes.PIB);
        MemoryOverhead huge = model.vm(Sizes.PIB, Sizes.PIB);
        assertEquals(Sizes.PIB / (2 * MIB) * 8 * KIB, huge.pamtBytes());
    }

    @Test
    void a1GPrivateMappingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> prepare(Platform.TDX, Pamt.STATIC, PageSize.SIZE_1G));
    }
}
