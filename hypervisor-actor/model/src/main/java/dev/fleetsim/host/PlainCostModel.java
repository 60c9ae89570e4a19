package dev.fleetsim.host;

/** A VM without confidential computing: nothing to accept; its host commits memory on the guest's first touch. */
public record PlainCostModel() implements AcceptanceCostModel {

    @Override
    public AcceptanceCost cost(AcceptRequest request, double exitSlowdown) {
        return AcceptanceCost.FREE;
    }

    @Override
    public boolean commitsOnAccept() {
        return false;
    }
}
