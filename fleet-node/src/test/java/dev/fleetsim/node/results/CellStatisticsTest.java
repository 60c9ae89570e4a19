package dev.fleetsim.node.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellStatisticsTest {

    @Test
    void intervalIsStudentTOverTheReplications() {
        // mean 2, sample sd 1, standard error 1/sqrt(3); t(0.975, 2 dof) = 4.302653
        CellStatistics.Estimate e = CellStatistics.estimate(new double[] {1, 2, 3});
        assertEquals(2.0, e.mean(), 1e-12);
        assertEquals(4.302653 / Math.sqrt(3), e.halfWidth95(), 1e-6);
    }

    @Test
    void oneReplicationHasNoInterval() {
        CellStatistics.Estimate e = CellStatistics.estimate(new double[] {7});
        assertEquals(7.0, e.mean());
        assertTrue(Double.isNaN(e.halfWidth95()));
    }

    @Test
    void equalReplicationsHaveAZeroWideInterval() {
        assertEquals(0.0, CellStatistics.estimate(new double[] {5, 5, 5, 5}).halfWidth95());
    }
}
