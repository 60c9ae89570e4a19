package dev.fleetsim.node;

import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.report.Report;
import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.results.RunStore;
import dev.fleetsim.node.results.StudyResults;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a study's runs into a result folder: skips the runs already stored there (so an interrupted sweep resumes),
 * runs the rest {@code parallel} at a time, stores each the moment it finishes, and afterwards, even if a run
 * failed, combines whatever finished and writes the report.
 */
final class StudyRunner {

    private final FleetEngine engine;
    private final int parallel;
    private final PrintWriter err;

    StudyRunner(FleetEngine engine, int parallel, PrintWriter err) {
        this.engine = engine;
        this.parallel = parallel;
        this.err = err;
    }

    List<Comparison> run(StudyLoader.Study study, Path dir) throws IOException {
        List<StudyConfig> runs = study.scenarios();
        RunStore store = new RunStore(dir);
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (!store.finished(i, runs.get(i))) {
                pending.add(i);
            }
        }
        if (pending.size() < runs.size()) {
            err.printf("%s: %d of %d runs already finished, running the other %d%n", dir,
                    runs.size() - pending.size(), runs.size(), pending.size());
            err.flush();
        }
        StudyResults finished;
        try {
            if (parallel == 1) {
                for (int i : pending) {
                    runOne(store, i, runs.get(i), true);
                }
            } else {
                runInParallel(store, runs, pending);
            }
        } finally {
            finished = ResultWriter.combine(dir);
            Report.write(dir, finished);
        }
        return finished.runs();
    }

    private void runInParallel(RunStore store, List<StudyConfig> runs, List<Integer> pending) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : pending) {
                futures.add(pool.submit(() -> {
                    runOne(store, i, runs.get(i), false);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; finished runs are kept", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run; a progress bar only when runs go one at a time, else a line per tenth of each run. */
    private void runOne(RunStore store, int index, StudyConfig run, boolean bar) throws IOException {
        ScenarioResult result;
        try (ProgressReport progress = ProgressReport.start(err, run, bar)) {
            result = engine.run(run, progress);
        }
        store.write(index, result);
    }
}
