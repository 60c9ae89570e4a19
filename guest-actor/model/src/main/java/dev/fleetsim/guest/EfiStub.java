package dev.fleetsim.guest;

import dev.fleetsim.host.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The x86 EFI stub's handling of unaccepted memory ({@code drivers/firmware/efi/libstub/unaccepted_memory.c} and
 * {@code x86-stub.c: setup_e820}): it sizes and allocates the bitmap table, turns every EFI descriptor into e820
 * (unaccepted memory becomes RAM), and records unaccepted memory in the bitmap, accepting at once what the bitmap
 * cannot represent.
 */
public final class EfiStub {

    /** What the stub leaves for the kernel: the table (absent if no memory was unaccepted) and the e820 map. */
    public record Result(Optional<UnacceptedTable> table, List<E820Entry> e820) {
    }

    private EfiStub() {
    }

    public static Result run(EfiMemoryMap map, long unitSize, Acceptor acceptor) {
        Optional<UnacceptedTable> table = allocateUnacceptedTable(map, unitSize);
        List<E820Entry> e820 = new ArrayList<>();
        for (EfiMemoryDescriptor d : map.descriptors()) {
            if (d.type() == EfiMemoryType.UNACCEPTED) {
                processUnacceptedMemory(table.orElseThrow(), d.physStart(), d.end(), acceptor);
            }
            appendMerged(e820, new E820Entry(d.physStart(), d.end(), E820Type.of(d)));
        }
        return new Result(table, List.copyOf(e820));
    }

    /**
     * {@code allocate_unaccepted_bitmap}: the window spans from the lowest to the highest unaccepted byte, widened
     * to whole units, one bit per unit. A 4 KiB bitmap so tracks 64 GiB at 2 MiB units, and a 4 PiB space with a
     * hole in the middle needs 256 MiB of bitmap: the table is sized by the span, not by the memory in it.
     */
    public static Optional<UnacceptedTable> allocateUnacceptedTable(EfiMemoryMap map, long unitSize) {
        long start = Long.MAX_VALUE;
        long end = 0;
        for (EfiMemoryDescriptor d : map.descriptors()) {
            if (d.type() == EfiMemoryType.UNACCEPTED) {
                start = Math.min(start, d.physStart());
                end = Math.max(end, d.end());
            }
        }
        if (start == Long.MAX_VALUE) {
            return Optional.empty();
        }
        long physBase = Sizes.roundDown(start, unitSize);
        long span = Sizes.roundUp(end, unitSize) - physBase;
        return Optional.of(new UnacceptedTable(physBase, Sizes.ceilDiv(span, unitSize * Byte.SIZE), unitSize));
    }

    /**
     * {@code process_unaccepted_memory}: records {@code [start, end)} in the bitmap, accepting what it cannot hold.
     *
     * <p>A range shorter than two units is accepted whole. That is wasteful for, say, 4K + 2044K + 2048K (the last
     * unit could have been recorded), but guarantees that after trimming a longer range at least one whole unit is
     * left to record, which keeps the rest simple. Then an unaligned head and tail are accepted, and so is whatever
     * lies below {@code phys_base} or past the end of the bitmap.
     */
    public static void processUnacceptedMemory(UnacceptedTable table, long start, long end, Acceptor acceptor) {
        long unit = table.unitSize();
        if (end - start < 2 * unit) {
            acceptor.accept(start, end);
            return;
        }
        if (start % unit != 0) {
            acceptor.accept(start, Sizes.roundUp(start, unit));
            start = Sizes.roundUp(start, unit);
        }
        if (end % unit != 0) {
            acceptor.accept(Sizes.roundDown(end, unit), end);
            end = Sizes.roundDown(end, unit);
        }
        BitmapWindow.Clip clip = table.window().clip(start, end);
        if (!clip.below().isEmpty()) {
            acceptor.accept(clip.below().start(), clip.below().end());
        }
        if (!clip.beyond().isEmpty()) {
            acceptor.accept(clip.beyond().start(), clip.beyond().end());
        }
        BitmapWindow.Span inside = clip.inside();
        if (!inside.isEmpty()) {
            table.markUnaccepted(inside.start() / unit, (inside.end() - inside.start()) / unit);
        }
    }

    /** {@code setup_e820} merges a descriptor into the previous entry when both have the same type and touch. */
    private static void appendMerged(List<E820Entry> e820, E820Entry next) {
        if (!e820.isEmpty()) {
            E820Entry last = e820.get(e820.size() - 1);
            if (last.type() == next.type() && last.end() == next.start()) {
                e820.set(e820.size() - 1, new E820Entry(last.start(), next.end(), last.type()));
                return;
            }
        }
        e820.add(next);
    }
}
