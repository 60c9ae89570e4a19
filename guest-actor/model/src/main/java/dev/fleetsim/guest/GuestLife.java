package dev.fleetsim.guest;

import dev.fleetsim.host.GuestReport;
import dev.fleetsim.host.GuestSteps;

/**
 * Everything one VM does in its life as a list of steps: boot to the shell, then its workload along its touch
 * profile and, for the background policy, a background acceptor. The steps are fixed by (spec, parameters,
 * profile, lifetime, seed) alone; when each happens is the host's business, so the same list serves every engine.
 *
 * <p>The workload is generated up to the VM's lifetime measured from the shell prompt, a bound that is never
 * shorter than the life the host will let it have (the host also counts the boot).
 */
public final class GuestLife {

    /** How often the background acceptor wakes up. */
    static final long BACKGROUND_INTERVAL_NANOS = 10_000_000_000L;

    /**
     * The steps, what the guest accepted before its shell prompt and in all, and the index of the step after
     * which nothing is left unaccepted ({@code nr_unaccepted} = 0), or -1 if that never happens.
     */
    public record Plan(GuestSteps steps, long acceptedAtShell, long acceptedAtEnd, int drainStep,
                       GuestReport report) {
    }

    private GuestLife() {
    }

    public static Plan plan(GuestSpec spec, ModelParameters model, Workload workload, long lifetimeNanos,
                            long seed) {
        Guest guest = Guest.boot(spec, model.guest(), model.cpu(), seed);
        Life life = new Life(guest, spec.policy().backgroundBytesPerSecond(), lifetimeNanos);
        long acceptedAtShell = guest.acceptedBytes();
        if (workload instanceof Workload.Profile p) {
            TouchProfile profile = p.profile();
            for (int i = 1; i <= profile.points(); i++) {
                long t = profile.rampNanos() * i / profile.points();
                life.touchUntil(t, profile.touchedBytes(spec.memoryBytes(), t));
            }
        } else if (workload instanceof Workload.Trace trace) {
            for (Workload.Trace.Point point : trace.points()) {
                life.touchUntil(point.sinceShellNanos(), Math.min(point.touchedBytes(), spec.memoryBytes()));
            }
        } else if (workload instanceof Workload.MemoryHog hog) {
            life.hog(hog, spec, model.cpu().hogWorkNanosPer4K());
        }
        life.backgroundUntil(lifetimeNanos);
        return new Plan(guest.steps(), acceptedAtShell, guest.acceptedBytes(), life.drainStep,
                report(guest));
    }

    private static GuestReport report(Guest guest) {
        GuestCounters end = guest.counters();
        return new GuestReport(guest.table().map(UnacceptedTable::tableBytes).orElse(0L),
                guest.rangeTracker().peakEntries(), end.memFree() - end.unaccepted(), guest.memmapBytes());
    }

    /** The life being written: virtual time since the shell, touched bytes, the background acceptor. */
    private static final class Life {
        final Guest guest;
        final long rate;
        final long lifetime;
        long now;
        long touched;
        long nextBackground;
        int drainStep = -1;

        Life(Guest guest, long rate, long lifetime) {
            this.guest = guest;
            this.rate = rate;
            this.lifetime = lifetime;
            this.nextBackground = rate > 0 ? BACKGROUND_INTERVAL_NANOS : Long.MAX_VALUE;
            noteDrain();
        }

        /** Waits until {@code t} (running the background acceptor on the way) and touches up to {@code target}. */
        void touchUntil(long t, long target) {
            if (t > lifetime) {
                return;
            }
            backgroundUntil(t);
            idleUntil(t);
            if (target > touched) {
                touched += guest.allocate(target - touched);
                noteDrain();
            }
        }

        /** The hog allocates chunk after chunk, as fast as acceptance allows, on min(workers, vCPUs) vCPUs. */
        void hog(Workload.MemoryHog hog, GuestSpec spec, long workNanosPer4K) {
            guest.runWorkers(hog.workers(), workNanosPer4K);
            long target = (long) (hog.targetFraction() * spec.memoryBytes());
            while (touched < target && drainStep < 0) {
                long granted = guest.allocate(Math.min(hog.chunkBytes(), target - touched));
                if (granted == 0) {
                    break;
                }
                touched += granted;
                noteDrain();
            }
            guest.runWorkers(1, 0);
        }

        /** Background wake-ups until {@code t}; the acceptor sleeps for good once the list is empty. */
        void backgroundUntil(long t) {
            while (nextBackground <= Math.min(t, lifetime)) {
                idleUntil(nextBackground);
                guest.acceptInBackground(rate * (BACKGROUND_INTERVAL_NANOS / 1_000_000_000L));
                noteDrain();
                nextBackground = guest.counters().unaccepted() > 0 ? nextBackground + BACKGROUND_INTERVAL_NANOS
                        : Long.MAX_VALUE;
            }
        }

        private void idleUntil(long t) {
            if (t > now) {
                guest.idle(t - now);
                now = t;
            }
        }

        private void noteDrain() {
            if (drainStep < 0 && guest.counters().unaccepted() == 0 && guest.zone() != null
                    && guest.table().isPresent()) {
                drainStep = guest.stepCount() - 1;
            }
        }
    }
}
