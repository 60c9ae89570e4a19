package dev.fleetsim.node.results;

import java.nio.file.Path;
import java.util.List;

/**
 * A result folder's finished runs, combined: each run with its baseline, the cells over replications, and each
 * run's own folder (same order as {@code runs}), so the report reads what the combined files were made from.
 */
public record StudyResults(String study, List<Comparison> runs, List<CellStatistics> cells, List<Path> runDirs) {
}
