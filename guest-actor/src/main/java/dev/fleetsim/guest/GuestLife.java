package dev.fleetsim.guest;

import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.GuestStep;
import java.util.ArrayList;
import java.util.List;

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

    /** The steps, and what the guest accepted before its shell prompt. */
    public record Plan(List<GuestStep> steps, long acceptedAtShell, long acceptedAtEnd) {
    }

    private GuestLife() {
    }

    public static Plan plan(GuestSpec spec, ModelParameters model, TouchProfile profile, long lifetimeNanos,
                            long seed) {
        Guest guest = Guest.boot(spec, model.guest(), model.cpu(), seed);
        List<GuestStep> steps = new ArrayList<>(guest.drainSteps());
        long acceptedAtShell = guest.acceptedBytes();
        long rate = spec.policy().backgroundBytesPerSecond();
        long nextBackground = rate > 0 ? BACKGROUND_INTERVAL_NANOS : Long.MAX_VALUE;
        long now = 0;
        long touched = 0;
        int point = 1;
        while (true) {
            long nextPoint = point <= profile.points() ? profile.rampNanos() * point / profile.points() : Long.MAX_VALUE;
            long t = Math.min(nextPoint, nextBackground);
            if (t == Long.MAX_VALUE || t > lifetimeNanos) {
                break;
            }
            steps.add(new GuestStep.Wait(BootPhase.WORKLOAD, t - now));
            if (t == nextBackground) {
                guest.acceptInBackground(rate * (BACKGROUND_INTERVAL_NANOS / 1_000_000_000L));
                // the acceptor goes to sleep for good once the unaccepted list is empty
                nextBackground = guest.counters().unaccepted() > 0 ? t + BACKGROUND_INTERVAL_NANOS : Long.MAX_VALUE;
            }
            if (t == nextPoint) {
                long target = profile.touchedBytes(spec.memoryBytes(), t);
                if (target > touched) {
                    touched += guest.allocate(target - touched);
                }
                point++;
            }
            steps.addAll(guest.drainSteps());
            now = t;
        }
        return new Plan(List.copyOf(steps), acceptedAtShell, guest.acceptedBytes());
    }
}
