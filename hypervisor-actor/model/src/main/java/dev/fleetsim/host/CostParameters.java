package dev.fleetsim.host;

import dev.fleetsim.host.SnpCostModel.SnpSettings;
import dev.fleetsim.host.TdxCostModel.TdxSettings;

/**
 * One parameter set for all platforms. Studies set every value under {@code model} (fleet-node's reference.conf
 * documents each with its unit and source); these defaults are the same values, for the model's own tests and for
 * code that runs without a study. The fitted ones come from {@code fleetsim calibrate}, which a test re-runs.
 */
public record CostParameters(TdxSettings tdx, SnpSettings snp, ContentionCurve contention) {

    /** Fitted: one TDX EPT-violation exit with {@code TDH.MEM.PAGE.AUG}, uncontended. */
    public static final long DEFAULT_TDX_EXIT_NANOS = 7_040;
    /** Fitted: the contention slope. */
    public static final double DEFAULT_CONTENTION_SLOPE = 0.0959653;
    /** Fitted: how much an idle vCPU's exits contend, against an accepting vCPU's. */
    public static final double DEFAULT_IDLE_EXIT_SHARE = 0;

    public static CostParameters defaults() {
        return new CostParameters(
                new TdxSettings(PageSize.SIZE_4K, DEFAULT_TDX_EXIT_NANOS, 500, 400, 2_000, 500),
                new SnpSettings(PageSize.SIZE_4K, 64, 4_000, 300, 200, 2_000, 400, 50, 500),
                new ContentionCurve(DEFAULT_CONTENTION_SLOPE, 64, DEFAULT_IDLE_EXIT_SHARE));
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
}
