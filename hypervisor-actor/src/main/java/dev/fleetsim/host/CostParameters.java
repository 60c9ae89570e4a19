package dev.fleetsim.host;

import dev.fleetsim.host.SnpCostModel.SnpSettings;
import dev.fleetsim.host.TdxCostModel.TdxSettings;

/**
 * One parameter set for all platforms. The defaults are the output of the calibration in guest-actor
 * ({@code BootCalibration} on {@code calibration/seed.csv}), which a test re-runs to check they still match;
 * SNP's costs are assumptions (no public per-page SNP latency was found), as the README's parameter table says.
 */
public record CostParameters(TdxSettings tdx, SnpSettings snp, ContentionCurve contention) {

    /** Fitted: TDX exit such that exit + TDCALL + zeroing of one 4K accept is the measured 8 us. */
    public static final long DEFAULT_TDX_EXIT_NANOS = 7_100;
    /** Fitted: the contention slope. */
    public static final double DEFAULT_CONTENTION_SLOPE = 0.172_783;

    public static CostParameters defaults() {
        return new CostParameters(
                new TdxSettings(PageSize.SIZE_4K, DEFAULT_TDX_EXIT_NANOS, 500, 400),
                new SnpSettings(PageSize.SIZE_4K, 64, 4_000, 300, 200, 2_000, 400),
                new ContentionCurve(DEFAULT_CONTENTION_SLOPE, 64));
    }

    public AcceptanceCostModel costModel(Platform platform) {
        return switch (platform) {
            case TDX -> new TdxCostModel(tdx);
            case SEV_SNP -> new SnpCostModel(snp);
            case PLAIN -> new PlainCostModel();
        };
    }

    /** The same parameters with both platforms' private memory mapped at {@code mapping} by the host. */
    public CostParameters withHostMapping(PageSize mapping) {
        return new CostParameters(tdx.withHostMapping(mapping), snp.withHostMapping(mapping), contention);
    }

    public CostParameters withTdx(TdxSettings settings) {
        return new CostParameters(settings, snp, contention);
    }

    public CostParameters withContention(ContentionCurve curve) {
        return new CostParameters(tdx, snp, curve);
    }
}
