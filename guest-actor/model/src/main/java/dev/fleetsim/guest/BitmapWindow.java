package dev.fleetsim.guest;

/**
 * The part of the physical address space an unaccepted-memory bitmap can describe:
 * {@code [physBase, physBase + units * unitSize)}.
 *
 * <p>The EFI stub ({@code process_unaccepted_memory}) and the kernel ({@code accept_memory}) take an arbitrary
 * physical range through the same steps: clamp it to the window's start, translate it to offsets from
 * {@code physBase}, cap it at the window's end. {@link #clip} does those steps once for both; each caller then
 * decides what to do with the parts outside (the stub accepts them, the kernel ignores them, since memory outside
 * the bitmap is accepted by definition).
 */
public record BitmapWindow(long physBase, long unitSize, long units) {

    /**
     * A physical range cut by the window.
     *
     * @param below  the part below the window, {@code [start, min(end, physBase))}; empty if none
     * @param inside the part inside, as byte offsets from {@code physBase}; empty if none
     * @param beyond the part past the window's end, in physical addresses; empty if none
     */
    public record Clip(Span below, Span inside, Span beyond) {
    }

    /** A byte range {@code [start, end)}, empty when {@code start >= end}. */
    public record Span(long start, long end) {
        public boolean isEmpty() {
            return start >= end;
        }
    }

    public long coveredBytes() {
        return units * unitSize;
    }

    public Clip clip(long start, long end) {
        Span below = new Span(start, Math.min(end, physBase));
        long from = Math.max(start, physBase) - physBase;
        long to = Math.max(end, physBase) - physBase;
        Span beyond = new Span(physBase + Math.max(from, coveredBytes()), physBase + to);
        Span inside = new Span(from, Math.min(to, coveredBytes()));
        return new Clip(below, inside, beyond);
    }
}
