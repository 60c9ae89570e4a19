package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.MIB;

import dev.fleetsim.host.Sizes;
import java.util.random.RandomGenerator;

/**
 * The x86 decompressor ({@code arch/x86/boot/compressed}): picks where the kernel goes and accepts that memory
 * before decompressing into it. With KASLR the physical address is a uniformly random 2 MiB-aligned slot among
 * Conventional and Unaccepted EFI regions above 16 MiB ({@code process_efi_entries}), which may well be unaccepted
 * memory; without it the kernel goes to {@code LOAD_PHYSICAL_ADDR}.
 */
public final class Decompressor {

    /** {@code CONFIG_PHYSICAL_START}, also the lowest address KASLR picks. */
    public static final long LOAD_PHYSICAL_ADDR = 16 * MIB;
    /** {@code CONFIG_PHYSICAL_ALIGN}. */
    public static final long PHYSICAL_ALIGN = 2 * MIB;

    private Decompressor() {
    }

    /** The physical address the kernel of {@code imageBytes} (its whole in-memory size) is placed at. */
    public static long chooseOutput(EfiMemoryMap map, long imageBytes, boolean kaslr, RandomGenerator random) {
        if (!kaslr) {
            return LOAD_PHYSICAL_ADDR;
        }
        long slots = 0;
        for (EfiMemoryDescriptor d : map.descriptors()) {
            slots += slotsIn(d, imageBytes);
        }
        if (slots == 0) {
            return LOAD_PHYSICAL_ADDR;
        }
        long pick = random.nextLong(slots);
        for (EfiMemoryDescriptor d : map.descriptors()) {
            long n = slotsIn(d, imageBytes);
            if (pick < n) {
                return firstSlot(d) + pick * PHYSICAL_ALIGN;
            }
            pick -= n;
        }
        throw new IllegalStateException("unreachable: slot " + pick + " beyond " + slots);
    }

    /** Accepts the output buffer with the early (guard-less) accept, as the decompressor does. */
    public static void acceptOutput(UnacceptedTable table, long output, long imageBytes, Acceptor acceptor) {
        table.acceptMemoryBeforeKernel(output, output + imageBytes, acceptor);
    }

    private static long slotsIn(EfiMemoryDescriptor d, long imageBytes) {
        if (d.type() != EfiMemoryType.CONVENTIONAL && d.type() != EfiMemoryType.UNACCEPTED) {
            return 0;
        }
        long room = d.end() - imageBytes - firstSlot(d);
        return room < 0 ? 0 : room / PHYSICAL_ALIGN + 1;
    }

    private static long firstSlot(EfiMemoryDescriptor d) {
        return Sizes.roundUp(Math.max(d.physStart(), LOAD_PHYSICAL_ADDR), PHYSICAL_ALIGN);
    }
}
