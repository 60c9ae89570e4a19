package dev.fleetsim.host;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A guest's whole life as steps, packed. A host holds the steps of every VM resident on it until the VM ends, and
 * a fleet of a million VMs has a few hundred thousand resident at once, each with dozens of steps: as records with
 * their accept requests they were most of the heap. Here a step is one int and one long. The timeline reads them
 * through {@link #kind}, {@link #phase}, {@link #amount} and {@link #request}, allocating only an accept's request;
 * {@link #get} decodes a step into its {@link GuestStep} record.
 *
 * <p>The int holds the kind and phase, and for an accept the path, the largest page size and the vCPUs; the long
 * holds the nanoseconds or bytes, or for an accept the first 4 KiB page and the page count, 32 bits each: accepts
 * must lie below 16 TiB of guest-physical address space. A second int holds an accept's TD context: idle and
 * spinning vCPUs and the stretch (0 for other steps).
 */
public final class GuestSteps extends AbstractList<GuestStep> implements RandomAccess {

    /** What a step is, as a packed step tells it without being decoded. */
    public enum Kind { COMPUTE, ACCEPT, TOUCH, WAIT }

    private static final Kind[] KINDS = Kind.values();
    /** Where each field sits in a step's int: kind (2 bits), phase (4), path (3), largest page size (2), vCPUs. */
    private static final int PHASE_SHIFT = 2;
    private static final int PATH_SHIFT = 6;
    private static final int SIZE_SHIFT = 9;
    private static final int VCPU_SHIFT = 11;
    private static final int MAX_VCPUS = (1 << (32 - VCPU_SHIFT)) - 1;
    private static final int PAGE_SHIFT = 12;
    /** Where each field sits in an accept's context int: idle vCPUs (11 bits), spinning vCPUs (11), stretch (10). */
    private static final int SPINNING_SHIFT = 11;
    private static final int STRETCH_SHIFT = 22;
    private static final int MAX_CONTEXT_VCPUS = (1 << SPINNING_SHIFT) - 1;
    private static final int MAX_STRETCH = AcceptRequest.NO_STRETCH + (1 << (32 - STRETCH_SHIFT)) - 1;
    private static final long ADDRESS_LIMIT = 1L << (32 + PAGE_SHIFT);
    private static final BootPhase[] PHASES = BootPhase.values();
    private static final AcceptPath[] PATHS = AcceptPath.values();
    private static final PageSize[] SIZES = PageSize.values();

    private final int[] heads;
    private final long[] words;
    private final int[] contexts;

    private GuestSteps(int[] heads, long[] words, int[] contexts) {
        this.heads = heads;
        this.words = words;
        this.contexts = contexts;
    }

    public static GuestSteps of(GuestStep... steps) {
        Builder builder = new Builder();
        for (GuestStep step : steps) {
            builder.add(step);
        }
        return builder.build();
    }

    @Override
    public int size() {
        return heads.length;
    }

    /** The phase of step {@code index}, without decoding the step. */
    public BootPhase phase(int index) {
        return PHASES[(heads[index] >>> PHASE_SHIFT) & 0xF];
    }

    public Kind kind(int index) {
        return KINDS[heads[index] & 0x3];
    }

    /** The nanoseconds of a compute or wait step, the bytes of a touch. */
    public long amount(int index) {
        return words[index];
    }

    /** The request of accept step {@code index}. */
    public AcceptRequest request(int index) {
        int head = heads[index];
        long start = (words[index] >>> 32) << PAGE_SHIFT;
        long end = start + ((words[index] & 0xFFFF_FFFFL) << PAGE_SHIFT);
        int context = contexts[index];
        return new AcceptRequest(start, end, SIZES[(head >>> SIZE_SHIFT) & 0x3], PATHS[(head >>> PATH_SHIFT) & 0x7],
                head >>> VCPU_SHIFT, context & MAX_CONTEXT_VCPUS, (context >>> SPINNING_SHIFT) & MAX_CONTEXT_VCPUS,
                AcceptRequest.NO_STRETCH + (context >>> STRETCH_SHIFT));
    }

    /** Step {@code index} as its record; the timeline reads packed steps through the accessors above instead. */
    @Override
    public GuestStep get(int index) {
        BootPhase phase = phase(index);
        return switch (kind(index)) {
            case COMPUTE -> new GuestStep.Compute(phase, amount(index));
            case ACCEPT -> new GuestStep.Accept(phase, request(index));
            case TOUCH -> new GuestStep.Touch(phase, amount(index));
            case WAIT -> new GuestStep.Wait(phase, amount(index));
        };
    }

    /** Steps appended one by one, as the guest model produces them. */
    public static final class Builder {
        private int[] heads = new int[32];
        private long[] words = new long[32];
        private int[] contexts = new int[32];
        private int size;

        public Builder add(GuestStep step) {
            if (size == heads.length) {
                heads = Arrays.copyOf(heads, 2 * size);
                words = Arrays.copyOf(words, 2 * size);
                contexts = Arrays.copyOf(contexts, 2 * size);
            }
            int phase = step.phase().ordinal() << PHASE_SHIFT;
            if (step instanceof GuestStep.Compute c) {
                put(Kind.COMPUTE.ordinal() | phase, c.nanos(), 0);
            } else if (step instanceof GuestStep.Touch t) {
                put(Kind.TOUCH.ordinal() | phase, t.bytes(), 0);
            } else if (step instanceof GuestStep.Wait w) {
                put(Kind.WAIT.ordinal() | phase, w.nanos(), 0);
            } else if (step instanceof GuestStep.Accept a) {
                AcceptRequest r = packable(a.request());
                put(Kind.ACCEPT.ordinal() | phase | r.path().ordinal() << PATH_SHIFT
                        | r.largest().ordinal() << SIZE_SHIFT | r.vcpus() << VCPU_SHIFT,
                        (r.start() >>> PAGE_SHIFT) << 32 | r.bytes() >>> PAGE_SHIFT,
                        r.idleVcpus() | r.spinningVcpus() << SPINNING_SHIFT
                                | (r.stretchPermille() - AcceptRequest.NO_STRETCH) << STRETCH_SHIFT);
            }
            return this;
        }

        public int size() {
            return size;
        }

        /** The steps so far; the builder can go on appending. */
        public GuestSteps build() {
            return new GuestSteps(Arrays.copyOf(heads, size), Arrays.copyOf(words, size),
                    Arrays.copyOf(contexts, size));
        }

        private void put(int head, long word, int context) {
            heads[size] = head;
            words[size] = word;
            contexts[size] = context;
            size++;
        }

        /** Accepts beyond 16 TiB, unaligned ones or ones on more vCPUs than a head holds would not decode. */
        private static AcceptRequest packable(AcceptRequest r) {
            if (r.start() % PageSize.SIZE_4K.bytes() != 0 || r.end() % PageSize.SIZE_4K.bytes() != 0
                    || r.end() >= ADDRESS_LIMIT || r.vcpus() > MAX_VCPUS || r.idleVcpus() > MAX_CONTEXT_VCPUS
                    || r.spinningVcpus() > MAX_CONTEXT_VCPUS || r.stretchPermille() > MAX_STRETCH) {
                throw new IllegalArgumentException("accept request [0x" + Long.toHexString(r.start()) + ", 0x"
                        + Long.toHexString(r.end()) + ") on " + r.vcpus() + " vCPUs: must be 4K-aligned, below "
                        + "16 TiB, on at most " + MAX_VCPUS + " vCPUs with at most " + MAX_CONTEXT_VCPUS
                        + " idle or spinning, stretched at most " + MAX_STRETCH + " per mille");
            }
            return r;
        }
    }
}
