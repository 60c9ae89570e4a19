package dev.fleetsim.node.study;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a run sits in a study's matrix: which of the study's scenarios it is, the value of each axis, and which
 * replication (0-based; replication r runs with the study's seed + r). A study without a matrix has one point per
 * scenario with no axes and replication 0.
 */
public record SweepPoint(String scenario, List<Coordinate> axes, int replication, int replications) {

    /** One axis's value: the config key and the value as written in the study. */
    public record Coordinate(String key, String value) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    public static SweepPoint single(String scenario) {
        return new SweepPoint(scenario, List.of(), 0, 1);
    }

    /** The scenario with its axis values: runs in one cell differ only in seed, so their figures are averaged. */
    public String cell() {
        return axes.isEmpty() ? scenario
                : scenario + axes.stream().map(Coordinate::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /** The run's unique name: the cell, and the replication when there are several. */
    public String runName() {
        return replications == 1 ? cell() : cell() + "#" + (replication + 1);
    }
}
