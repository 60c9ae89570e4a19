package dev.fleetsim.node;

import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.WholeRuns;
import dev.fleetsim.node.report.Report;
import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.results.RunStore;
import dev.fleetsim.node.results.StudyResults;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import dev.fleetsim.host.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a study's runs into a result folder: skips the runs already stored there (so an interrupted sweep resumes),
 * runs the rest, stores each the moment it finishes, and afterwards, even if a run failed, combines whatever
 * finished and writes the report. Runs go one at a time, {@code parallel} at a time in this JVM, or, on an engine
 * that hands out whole runs ({@link WholeRuns}), those of at most {@code wholeRunMaxVms} VMs all at once to the
 * cluster's slots while bigger ones go one at a time through the engine itself.
 */
final class StudyRunner {

    private final FleetEngine engine;
    private final int parallel;
    private final int wholeRunMaxVms;
    private final PrintWriter err;

    StudyRunner(FleetEngine engine, int parallel, PrintWriter err) {
        this(engine, parallel, 0, err);
    }

    StudyRunner(FleetEngine engine, int parallel, int wholeRunMaxVms, PrintWriter err) {
        this.engine = engine;
        this.parallel = parallel;
        this.wholeRunMaxVms = wholeRunMaxVms;
        this.err = err;
    }

    List<Comparison> run(StudyLoader.Study study, Path dir) throws IOException {
        List<RunConfig> runs = study.runs();
        RunStore store = new RunStore(dir);
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunStore.Stored stored = store.stored(i, runs.get(i));
            if (stored instanceof RunStore.Stored.Damaged damaged) {
                Path aside = store.setAside(i);
                err.printf("run %04d ('%s') is damaged (%s): kept as %s, running it again%n", i,
                        runs.get(i).scenario(), damaged.reason(), aside);
            }
            if (!(stored instanceof RunStore.Stored.Finished)) {
                pending.add(i);
            }
        }
        if (pending.size() < runs.size()) {
            err.printf("%s: %d of %d runs already finished, running the other %d%n", dir,
                    runs.size() - pending.size(), runs.size(), pending.size());
            err.flush();
        }
        StudyResults finished;
        try (ProgressReport progress = ProgressReport.start(err, study.name(),
                pending.stream().map(runs::get).toList(), System.console() != null)) {
            if (engine instanceof WholeRuns whole && wholeRunMaxVms > 0) {
                runSpread(whole, store, runs, pending, progress);
            } else if (parallel == 1) {
                for (int i : pending) {
                    progress.finished(runOne(store, i, runs.get(i), progress));
                }
            } else {
                runInParallel(store, runs, pending, progress);
            }
        } catch (RuntimeException | IOException failure) {
            combineKeeping(failure, dir);
            throw failure;
        }
        finished = ResultWriter.combine(dir);
        Report.write(dir, finished);
        return finished.runs();
    }

    /**
     * After a failed run, combines whatever did finish, so the results a user has are up to date; a failure of the
     * combining itself is added to the run's, never put in its place.
     */
    private static void combineKeeping(Exception failure, Path dir) {
        try {
            if (!ResultWriter.finishedRuns(dir).isEmpty()) {
                Report.write(dir, ResultWriter.combine(dir));
            }
        } catch (RuntimeException | IOException combining) {
            failure.addSuppressed(combining);
        }
    }

    /**
     * Hands the small runs out whole, runs the big ones meanwhile, and stores each whole run as it comes back; a
     * failed run fails the sweep once every other run has come back and been stored.
     */
    private void runSpread(WholeRuns whole, RunStore store, List<RunConfig> runs, List<Integer> pending,
                           ProgressReport progress) throws IOException {
        List<Integer> small = pending.stream().filter(i -> runs.get(i).vms() <= wholeRunMaxVms).toList();
        List<CompletableFuture<FinishedRun>> futures = whole.submit(small.stream().map(runs::get).toList());
        for (int i : pending) {
            if (!small.contains(i)) {
                progress.finished(runOne(store, i, runs.get(i), progress));
            }
        }
        BlockingQueue<Integer> returned = new LinkedBlockingQueue<>();
        for (int k = 0; k < futures.size(); k++) {
            int index = k;
            futures.get(k).whenComplete((result, failure) -> returned.add(index));
        }
        RuntimeException failed = null;
        for (int n = 0; n < futures.size(); n++) {
            int k = take(returned);
            try {
                FinishedRun finished = futures.get(k).join();
                store.write(small.get(k), finished);
                progress.finished(finished);
            } catch (CompletionException e) {
                failed = failed != null ? failed : ofRun(small.get(k), runs.get(small.get(k)), e.getCause());
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static int take(BlockingQueue<Integer> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; finished runs are kept", e);
        }
    }

    private void runInParallel(RunStore store, List<RunConfig> runs, List<Integer> pending,
                               ProgressReport progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : pending) {
                futures.add(pool.submit(() -> {
                    progress.finished(runOne(store, i, runs.get(i), progress));
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

    /** A run's failure, saying which run: what the user can fix stays bad input (exit 2), the rest is a bug. */
    private static RuntimeException ofRun(int index, RunConfig run, Throwable failure) {
        String which = String.format("run %04d ('%s'): ", index, run.scenario());
        return failure instanceof BadInputException ? new BadInputException(which + failure.getMessage())
                : new IllegalStateException(which + failure.getMessage(), failure);
    }

    private FinishedRun runOne(RunStore store, int index, RunConfig run, ProgressReport progress)
            throws IOException {
        // engine wall time, for run.json; the simulation never sees it
        long start = System.nanoTime();
        ScenarioResult result;
        try {
            result = engine.run(run, progress.of(run));
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ofRun(index, run, e);
        }
        FinishedRun finished = new FinishedRun(result, engine.node(), System.nanoTime() - start);
        store.write(index, finished);
        return finished;
    }
}
