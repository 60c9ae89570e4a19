package dev.fleetsim.node;

import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.study.RunConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of the runs a study runs now, however many go at once: on a terminal one bar for them all (the
 * progressbar library), else a line per tenth of each run and one per finished run, so logs stay short. Both show
 * the same figures: a run's share done is the share of its VMs that have arrived (placed or refused), since the
 * guest model runs as a VM is placed and most of a run's work goes with it, which keeps the ETA near the truth
 * where virtual time would not (a boot storm does all its work in the first window); "ended" counts the VMs whose
 * life is over.
 */
final class ProgressReport implements AutoCloseable {

    /** Bar steps per run. */
    private static final int STEPS = 1000;

    private final PrintWriter err;
    private final ProgressBar bar;
    private final int total;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private int done;

    private ProgressReport(PrintWriter err, ProgressBar bar, int total) {
        this.err = err;
        this.bar = bar;
        this.total = total;
    }

    /** Progress of {@code runs}, as one bar when {@code terminal}, else as lines on {@code err}. */
    static ProgressReport start(PrintWriter err, String study, List<RunConfig> runs, boolean terminal) {
        ProgressBar bar = terminal && !runs.isEmpty() ? new ProgressBarBuilder().setTaskName(study)
                .setInitialMax((long) STEPS * runs.size()).setUnit(" runs", STEPS).setStyle(ProgressBarStyle.ASCII)
                .build() : null;
        return new ProgressReport(err, bar, runs.size());
    }

    /** What the engine running {@code run} tells after each window. */
    FleetEngine.Progress of(RunConfig run) {
        synchronized (this) {
            running.put(run.scenario(), new Running(run));
        }
        return (reachedNanos, arrived, ended) -> window(run.scenario(), reachedNanos, arrived, ended);
    }

    private synchronized void window(String name, long reachedNanos, long arrived, long ended) {
        Running r = running.get(name);
        if (r == null) {
            return;
        }
        r.reachedNanos = reachedNanos;
        r.arrived = arrived;
        r.ended = ended;
        int tenth = (int) (10 * r.share());
        if (bar != null) {
            show();
        } else if (tenth > r.reportedTenth) {
            r.reportedTenth = tenth;
            err.printf("%s: %d%% of VMs arrived (%d of %d), %d of %d s virtual, %d VMs ended%n", name, tenth * 10,
                    arrived, r.vms, reachedNanos / 1_000_000_000L, r.durationNanos / 1_000_000_000L, ended);
            err.flush();
        }
    }

    /** A run finished and was stored. */
    synchronized void finished(FinishedRun run) {
        String name = run.result().study().scenario();
        running.remove(name);
        done++;
        if (bar != null) {
            show();
        } else {
            err.printf("runs: %d of %d done (%s on %s, %.1f s, %d VMs ended)%n", done, total, name, run.node(),
                    run.wallNanos() / 1e9, run.result().vms().size());
            err.flush();
        }
    }

    private void show() {
        double shares = running.values().stream().mapToDouble(Running::share).sum();
        bar.stepTo(Math.round(STEPS * (done + shares)));
        String now = running.entrySet().stream().limit(2)
                .map(e -> e.getKey() + " " + Math.round(100 * e.getValue().share()) + "%")
                .collect(Collectors.joining(", "));
        bar.setExtraMessage(done + " done" + (running.isEmpty() ? ""
                : ", running " + now + (running.size() > 2 ? " +" + (running.size() - 2) : "")));
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** A run under way, as its engine last told. */
    private static final class Running {
        final int vms;
        final long durationNanos;
        long reachedNanos;
        long arrived;
        long ended;
        int reportedTenth;

        Running(RunConfig run) {
            vms = run.vms();
            durationNanos = run.durationNanos();
        }

        double share() {
            return vms == 0 ? 1 : Math.min(1, (double) arrived / vms);
        }
    }
}
