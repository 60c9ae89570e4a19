package dev.fleetsim.node;

import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.study.StudyConfig;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one scenario: a progress bar over virtual time on a terminal (the progressbar library), a plain line
 * every tenth of the study otherwise, so logs of unattended runs stay short.
 */
abstract class ProgressReport implements FleetEngine.Progress, AutoCloseable {

    static ProgressReport start(PrintWriter err, StudyConfig study, boolean barAllowed) {
        return barAllowed && System.console() != null ? new Bar(study) : new Lines(err, study);
    }

    @Override
    public abstract void close();

    private static final class Bar extends ProgressReport {
        private final ProgressBar bar;

        Bar(StudyConfig study) {
            bar = new ProgressBarBuilder().setTaskName(study.scenario()).setInitialMax(study.durationNanos() / 1_000_000_000L)
                    .setUnit(" virtual s", 1).setStyle(ProgressBarStyle.ASCII).build();
        }

        @Override
        public void window(long reachedNanos, long vmsEnded) {
            bar.stepTo(reachedNanos / 1_000_000_000L);
            bar.setExtraMessage(vmsEnded + " VMs done");
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends ProgressReport {
        private final PrintWriter err;
        private final StudyConfig study;
        private int reported;

        Lines(PrintWriter err, StudyConfig study) {
            this.err = err;
            this.study = study;
        }

        @Override
        public void window(long reachedNanos, long vmsEnded) {
            int tenth = (int) (10 * reachedNanos / study.durationNanos());
            if (tenth > reported) {
                reported = tenth;
                err.printf("%s: %d%% of %d s virtual, %d VMs done%n", study.scenario(), tenth * 10,
                        study.durationNanos() / 1_000_000_000L, vmsEnded);
                err.flush();
            }
        }

        @Override
        public void close() {
        }
    }
}
