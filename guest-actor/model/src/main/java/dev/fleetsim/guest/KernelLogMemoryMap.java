package dev.fleetsim.guest;

import dev.fleetsim.host.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a real guest's firmware memory map from its kernel log, as Linux prints it with {@code efi=debug}
 * ({@code efi_print_memmap}):
 *
 * <pre>efi: mem07: [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000100000-0x000000007fffffff] (2047MB)</pre>
 *
 * The range's end is inclusive. Lines without {@code efi: mem} are other log output and are skipped; a line with
 * it that does not parse is an error naming the source and line number.
 */
public final class KernelLogMemoryMap {

    private static final Pattern LINE = Pattern.compile(
            "efi:\\s+mem(\\d+):\\s+\\[([^|\\]]+)((?:\\|[^|\\]]*)*)]\\s+range=\\[0x(\\p{XDigit}{1,16})-0x(\\p{XDigit}{1,16})]");
    private static final Pattern NUMBERED_TYPE = Pattern.compile("type=(\\d{1,10})");
    private static final String[] ATTRIBUTE_NAMES = {
        "UC", "WC", "WT", "WB", "UCE", "WP", "RP", "XP", "NV", "MR", "RO", "SP", "CC", "RUN",
    };
    private static final long[] ATTRIBUTE_BITS = {
        0x1, 0x2, 0x4, 0x8, 0x10, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 1L << 63,
    };

    private KernelLogMemoryMap() {
    }

    public static EfiMemoryMap read(Path log) throws IOException {
        return parse(log.toString(), Files.readAllLines(log));
    }

    public static EfiMemoryMap parse(String source, List<String> lines) {
        List<EfiMemoryDescriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("efi: mem")) {
                parseLine(source, i + 1, line).ifPresent(descriptors::add);
            }
        }
        if (descriptors.isEmpty()) {
            throw new MemoryMapException(source + ": no 'efi: memNN:' lines (boot the guest with efi=debug)");
        }
        try {
            return new EfiMemoryMap(descriptors);
        } catch (MemoryMapException e) {
            throw new MemoryMapException(source + ": " + e.getMessage());
        }
    }

    /**
     * One descriptor, or none where the kernel skips it too: a type it has no name for (it prints {@code type=N};
     * OEM and OS types from 16 up, which {@code setup_e820} passes over) and a descriptor of no pages.
     */
    private static Optional<EfiMemoryDescriptor> parseLine(String source, int lineNumber, String line) {
        Matcher m = LINE.matcher(line);
        String where = source + ":" + lineNumber + ": ";
        if (!m.find()) {
            throw new MemoryMapException(where + "expected 'efi: memNN: [Type|attrs] range=[0xSTART-0xEND]', got '"
                    + line.strip() + "'");
        }
        try {
            Matcher numbered = NUMBERED_TYPE.matcher(m.group(2).trim());
            long start = Long.parseUnsignedLong(m.group(4), 16);
            long lastByte = Long.parseUnsignedLong(m.group(5), 16);
            if (lastByte + 1 == start
                    || numbered.matches() && Long.parseLong(numbered.group(1)) >= EfiMemoryType.values().length) {
                return Optional.empty();
            }
            EfiMemoryType type = numbered.matches() ? EfiMemoryType.values()[Integer.parseInt(numbered.group(1))]
                    : EfiMemoryType.fromKernelName(m.group(2));
            if (lastByte < start || (lastByte + 1) % EfiMemoryDescriptor.EFI_PAGE_SIZE != 0) {
                throw new MemoryMapException(where + String.format(
                        "range [0x%x-0x%x] is not a whole number of 4 KiB pages", start, lastByte));
            }
            return Optional.of(new EfiMemoryDescriptor(type, start,
                    (lastByte + 1 - start) / EfiMemoryDescriptor.EFI_PAGE_SIZE, attributes(m.group(3))));
        } catch (BadInputException | IllegalArgumentException e) {
            throw e instanceof MemoryMapException ? e : new MemoryMapException(where + e.getMessage());
        }
    }

    private static long attributes(String flags) {
        long bits = 0;
        for (String flag : flags.split("\\|")) {
            for (int i = 0; i < ATTRIBUTE_NAMES.length; i++) {
                if (ATTRIBUTE_NAMES[i].equals(flag.trim())) {
                    bits |= ATTRIBUTE_BITS[i];
                }
            }
        }
        return bits;
    }
}
