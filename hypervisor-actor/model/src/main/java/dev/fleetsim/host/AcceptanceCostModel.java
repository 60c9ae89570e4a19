package dev.fleetsim.host;

/**
 * What one platform charges for accepting guest memory. Implementations decompose a request into the platform's
 * operations (TDX: TDCALLs, EPT-violation exits with TDH.MEM.PAGE.AUG, zeroing; SEV-SNP: Page State Change
 * requests, RMPUPDATE, PVALIDATE) and price each with a named parameter. Counts come from arithmetic on the request's
 * page-size mix, never from a walk over its pages.
 */
public sealed interface AcceptanceCostModel permits TdxCostModel, SnpCostModel, PlainCostModel {

    /**
     * The cost of {@code request} when each exit takes {@code exitSlowdown} times its uncontended time (see
     * {@link ContentionCurve}).
     */
    AcceptanceCost cost(AcceptRequest request, double exitSlowdown);

    /** Whether accepting is what commits host memory; a plain VM's host commits on first touch instead. */
    boolean commitsOnAccept();
}
