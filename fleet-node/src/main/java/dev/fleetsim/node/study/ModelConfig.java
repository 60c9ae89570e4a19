package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fleetsim.guest.FirmwareAcceptance;
import dev.fleetsim.guest.GuestCpuCosts;
import dev.fleetsim.guest.GuestParameters;
import dev.fleetsim.guest.GuestParameters.FirmwareSettings;
import dev.fleetsim.guest.GuestParameters.KernelBehaviour;
import dev.fleetsim.guest.GuestParameters.KernelLayout;
import dev.fleetsim.guest.GuestParameters.SmpBringUp;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.host.ContentionCurve;
import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.SnpCostModel.SnpSettings;
import dev.fleetsim.host.TdxCostModel.TdxSettings;

/**
 * The model a run prices guests with, read from a resolved study: the constants under {@code model} and the
 * behaviours under {@code guest} and {@code host-mapping}. reference.conf documents each key with its unit and its
 * source, or "fitted" for those {@code fleetsim calibrate} sets.
 */
public final class ModelConfig {

    private ModelConfig() {
    }

    /** The model of the defaults in reference.conf with {@code overrides} (HOCON) on top; {@code source} names them. */
    public static ModelParameters defaults(String source, Config overrides) {
        Config study = overrides.withFallback(reference()).resolve();
        return read(StudyValues.of(source, study));
    }

    /** reference.conf's study defaults. */
    public static Config reference() {
        return ConfigFactory.defaultReference().getConfig("fleetsim.study");
    }

    static ModelParameters read(StudyValues v) {
        PageSize mapping = v.parse("host-mapping", PageSize::parse);
        if (mapping == PageSize.SIZE_1G) {
            throw v.error("host-mapping", "allowed 4K, 2M");
        }
        return new ModelParameters(costs(v).withHostMapping(mapping), guest(v), cpu(v));
    }

    private static CostParameters costs(StudyValues v) {
        TdxSettings tdx = new TdxSettings(PageSize.SIZE_4K, v.nanos("model.tdx.exit"), v.nanos("model.tdx.tdcall"),
                v.nanos("model.tdx.zero-per-4k"), v.nanos("model.tdx.convert-per-4k"), v.nanos("model.tdx.kick"));
        SnpSettings snp = new SnpSettings(PageSize.SIZE_4K, v.intIn("model.snp.entries-per-request", 1, 253),
                v.nanos("model.snp.request"), v.nanos("model.snp.rmpupdate"), v.nanos("model.snp.pvalidate-4k"),
                v.nanos("model.snp.pvalidate-2m"), v.nanos("model.snp.zero-per-4k"),
                v.nanos("model.snp.launch-per-4k"), v.nanos("model.snp.kick"));
        ContentionCurve contention = new ContentionCurve(v.doubleIn("model.contention.slope", 0, 10),
                v.doubleIn("model.contention.saturation", 1, 100_000),
                v.doubleIn("model.contention.idle-exit-share", 0, 1));
        return new CostParameters(tdx, snp, contention);
    }

    private static GuestParameters guest(StudyValues v) {
        long unit = v.bytes("guest.unit-size");
        if (Long.bitCount(unit) != 1 || unit < 4096 || unit > (1L << 30)) {
            throw v.error("guest.unit-size", "must be a power of two from 4K to 1G");
        }
        FirmwareSettings firmware = new FirmwareSettings(
                new FirmwareAcceptance.FirstBytes(v.bytes("guest.lazy-firmware-pre-accept")),
                firmwareVcpus(v), v.bool("guest.os-allows-unaccepted"));
        KernelLayout layout = new KernelLayout(v.bytes("model.layout.kernel-image"), v.bool("guest.kaslr"),
                v.bytes("model.layout.memmap-per-4k"), v.bytes("model.layout.page-tables"),
                v.bytes("model.layout.per-cpu"), v.intIn("model.layout.swiotlb-percent", 0, 100),
                v.bytes("model.layout.userspace-boot"));
        KernelBehaviour kernel = new KernelBehaviour(v.bool("guest.zero-watermark-fix"),
                v.bool("guest.swiotlb-convert-after-smp"), v.bool("guest.deferred-struct-page-init"),
                v.bool("guest.reclaim-on-unaccepted"));
        SmpBringUp bringUp = new SmpBringUp(v.intIn("model.bring-up.boot-cpu-allocations", 0, 1_000_000),
                v.doubleIn("model.bring-up.boot-cpu-allocations-per-ap", 0, 100_000),
                v.intIn("model.bring-up.ap-allocations", 0, 100_000), v.bytes("model.bring-up.allocation-size"),
                v.bool("guest.parallel-bring-up"));
        return new GuestParameters(unit, firmware, layout, kernel, bringUp);
    }

    /** {@code all}, or a count of vCPUs. */
    private static int firmwareVcpus(StudyValues v) {
        String text = v.string("guest.firmware-accept-vcpus");
        if (text.equals("all")) {
            return 0;
        }
        try {
            int vcpus = Integer.parseInt(text);
            if (vcpus >= 1) {
                return vcpus;
            }
        } catch (NumberFormatException e) {
            // reported below with what is allowed
        }
        throw v.error("guest.firmware-accept-vcpus", "'" + text + "': allowed all or a whole number >= 1");
    }

    private static GuestCpuCosts cpu(StudyValues v) {
        return new GuestCpuCosts(v.nanos("model.guest-cpu.firmware-fixed"), v.nanos("model.guest-cpu.stub-fixed"),
                v.nanos("model.guest-cpu.decompress"), v.nanos("model.guest-cpu.kernel-fixed"),
                v.nanos("model.guest-cpu.memmap-init-per-4k"), v.nanos("model.guest-cpu.fault-per-4k"),
                v.nanos("model.guest-cpu.hog-work-per-4k"), v.nanos("model.guest-cpu.touch-floor-per-4k"),
                v.nanos("guest.time-to-ready"),
                v.doubleIn("model.guest-cpu.reclaim-duty", 0, 1));
    }
}
