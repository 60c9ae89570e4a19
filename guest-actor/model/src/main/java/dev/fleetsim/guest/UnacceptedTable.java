package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.MIB;

import dev.fleetsim.host.Sizes;
import java.util.List;

/**
 * The unaccepted-memory bitmap Linux keeps as an EFI configuration table ({@code struct efi_unaccepted_memory}:
 * version, unit_size, phys_base, size in bytes, bitmap). A set bit means one unit of memory at
 * {@code physBase + bit * unitSize} is not yet accepted; memory outside the window counts as accepted.
 *
 * <p>Two accept operations exist because the kernel has two copies with one difference. The one the EFI stub and
 * the decompressor use ({@code drivers/firmware/efi/libstub/unaccepted_memory.c}) accepts exactly the units the range
 * touches. The running kernel's ({@code drivers/firmware/efi/unaccepted_memory.c: accept_memory}) also accepts one
 * guard unit after a range whose end is unit-aligned: {@code load_unaligned_zeropad()} may read a few bytes past the
 * end of a page, which on TDX would touch unaccepted memory and cannot be recovered from (the VMM kills the guest).
 * {@link #rangeContainsUnacceptedMemory} extends its check the same way, so callers see the guard as unaccepted
 * until it is accepted.
 */
public final class UnacceptedTable {

    public static final int VERSION = 1;
    public static final long DEFAULT_UNIT_SIZE = 2 * MIB;
    /** u32 version, u32 unit_size, u64 phys_base, u64 size. */
    public static final int HEADER_BYTES = 24;

    private final BitmapWindow window;
    private final long bitmapBytes;
    private final UnitRangeSet unaccepted = new UnitRangeSet();

    /** A table whose bitmap of {@code bitmapBytes} bytes starts at {@code physBase}. */
    public UnacceptedTable(long physBase, long bitmapBytes, long unitSize) {
        if (Long.bitCount(unitSize) != 1 || unitSize < 4096) {
            throw new IllegalArgumentException("unit size must be a power of two >= 4K, was " + unitSize);
        }
        if (physBase % unitSize != 0) {
            throw new IllegalArgumentException("phys_base 0x" + Long.toHexString(physBase)
                    + " is not aligned to the unit size " + Sizes.format(unitSize));
        }
        this.window = new BitmapWindow(physBase, unitSize, Math.multiplyExact(bitmapBytes, Byte.SIZE));
        this.bitmapBytes = bitmapBytes;
    }

    public BitmapWindow window() {
        return window;
    }

    public long unitSize() {
        return window.unitSize();
    }

    public long physBase() {
        return window.physBase();
    }

    /** The {@code size} field: bytes of bitmap. */
    public long bitmapBytes() {
        return bitmapBytes;
    }

    /** What the firmware allocates for the table: header plus bitmap. */
    public long tableBytes() {
        return HEADER_BYTES + bitmapBytes;
    }

    /** {@code bitmap_set}: marks units {@code [firstUnit, firstUnit + count)} unaccepted. */
    public void markUnaccepted(long firstUnit, long count) {
        if (firstUnit < 0 || count <= 0 || firstUnit + count > window.units()) {
            throw new IllegalArgumentException("bits [" + firstUnit + ", " + (firstUnit + count)
                    + ") are outside a bitmap of " + window.units() + " bits");
        }
        unaccepted.add(firstUnit, firstUnit + count);
    }

    /** The running kernel's {@code accept_memory}: the range plus a guard unit after a unit-aligned end. */
    public void acceptMemory(long start, long end, Acceptor acceptor) {
        accept(start, end, true, acceptor);
    }

    /** The EFI stub's and decompressor's {@code accept_memory}: exactly the units the range touches. */
    public void acceptMemoryBeforeKernel(long start, long end, Acceptor acceptor) {
        accept(start, end, false, acceptor);
    }

    /** {@code range_contains_unaccepted_memory}, with the same guard-unit extension as {@link #acceptMemory}. */
    public boolean rangeContainsUnacceptedMemory(long start, long end) {
        long[] units = unitsOf(start, end, true);
        return units != null && unaccepted.intersects(units[0], units[1]);
    }

    public boolean isAccepted(long physAddress) {
        long offset = physAddress - window.physBase();
        return offset < 0 || offset >= window.coveredBytes() || !unaccepted.contains(offset / window.unitSize());
    }

    public long unacceptedBytes() {
        return unaccepted.cardinality() * window.unitSize();
    }

    /** The set bits as runs of unit indices, ascending. */
    public List<UnitRangeSet.Run> unacceptedUnits() {
        return unaccepted.runs();
    }

    private void accept(long start, long end, boolean guard, Acceptor acceptor) {
        long[] units = unitsOf(start, end, guard);
        if (units == null) {
            return;
        }
        // Walk the set runs once and clear them as each is accepted, like for_each_set_bitrange_from.
        for (UnitRangeSet.Run run : unaccepted.remove(units[0], units[1])) {
            acceptor.accept(window.physBase() + run.start() * window.unitSize(),
                    window.physBase() + run.end() * window.unitSize());
        }
    }

    /** Clamp, translate, extend by the guard unit, cap: the unit indices a range covers, or null if none. */
    private long[] unitsOf(long start, long end, boolean guard) {
        if (end < window.physBase()) {
            return null;
        }
        BitmapWindow.Span inside = window.clip(start, end).inside();
        long to = Math.max(inside.end(), inside.start());
        if (guard && to % window.unitSize() == 0) {
            to += window.unitSize();
        }
        to = Math.min(to, window.coveredBytes());
        long first = inside.start() / window.unitSize();
        long last = Sizes.ceilDiv(to, window.unitSize());
        return first < last ? new long[] {first, last} : null;
    }
}
