package dev.fleetsim.host;

/**
 * One thing a guest does that takes virtual time. The guest model produces steps; whoever drives it (the
 * single-VM timeline, the sequential engine, the guest actor) asks the host what each acceptance costs and adds
 * up the time. The model itself never prices anything.
 */
public sealed interface GuestStep {

    BootPhase phase();

    /** CPU work of the guest's own, on {@code vcpus} vCPUs in parallel. */
    record Compute(BootPhase phase, long nanos) implements GuestStep {
        public Compute {
            if (nanos < 0) {
                throw new IllegalArgumentException(phase + ": negative compute time " + nanos);
            }
        }
    }

    /** Memory the guest asks its host to accept; the guest waits for it. */
    record Accept(BootPhase phase, AcceptRequest request) implements GuestStep {
    }

    /** The guest used {@code bytes} of memory it had never used; a plain VM's host commits them now. */
    record Touch(BootPhase phase, long bytes) implements GuestStep {
    }

    /** Time passes with the guest idle (the workload's pace). */
    record Wait(BootPhase phase, long nanos) implements GuestStep {
        public Wait {
            if (nanos < 0) {
                throw new IllegalArgumentException(phase + ": negative wait " + nanos);
            }
        }
    }
}
