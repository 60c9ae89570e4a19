package dev.fleetsim.guest;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.Sizes;

/**
 * How a guest accepts its memory: a value a study can sweep, read once like the kernel's {@code accept_memory=}.
 * Every policy says what the firmware accepts before the OS, whether the kernel defers the rest, and whether a
 * background acceptor drains the rest after boot.
 */
public sealed interface AcceptancePolicy {

    /** Firmware pre-acceptance, given what the lazy firmware build does by default. */
    default FirmwareAcceptance firmware(FirmwareAcceptance lazyFirmwareDefault) {
        return lazyFirmwareDefault;
    }

    /** Whether the kernel runs with {@code accept_memory=lazy}. */
    default boolean lazyKernel() {
        return true;
    }

    /** Bytes per second a background acceptor takes off the unaccepted list after boot (0 for none). */
    default long backgroundBytesPerSecond() {
        return 0;
    }

    /** The name studies use for this policy. */
    String configName();

    /** {@code accept_memory=eager}: the kernel accepts everything as memblock hands it to the buddy allocator. */
    record Eager() implements AcceptancePolicy {
        @Override
        public boolean lazyKernel() {
            return false;
        }

        @Override
        public String configName() {
            return "eager";
        }
    }

    /** The non-lazy firmware build accepts all memory on its vCPUs before the OS starts (as before Linux 6.5). */
    record EagerFirmware() implements AcceptancePolicy {
        @Override
        public FirmwareAcceptance firmware(FirmwareAcceptance lazyFirmwareDefault) {
            return new FirmwareAcceptance.Everything();
        }

        @Override
        public boolean lazyKernel() {
            return false;
        }

        @Override
        public String configName() {
            return "eager-firmware";
        }
    }

    /** Linux's default: accept on demand in the page allocator. */
    record Lazy() implements AcceptancePolicy {
        @Override
        public String configName() {
            return "lazy";
        }
    }

    /** Lazy, with the firmware accepting the first {@code bytes} of memory. */
    record PartialPreAccept(long bytes) implements AcceptancePolicy {
        @Override
        public FirmwareAcceptance firmware(FirmwareAcceptance lazyFirmwareDefault) {
            return new FirmwareAcceptance.FirstBytes(bytes);
        }

        @Override
        public String configName() {
            return "partial:" + Sizes.format(bytes);
        }
    }

    /** Lazy, then a background acceptor (proposed upstream, not merged) accepting {@code bytesPerSecond}. */
    record Background(long bytesPerSecond) implements AcceptancePolicy {
        public Background {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("background rate must be > 0, was " + bytesPerSecond);
            }
        }

        @Override
        public long backgroundBytesPerSecond() {
            return bytesPerSecond;
        }

        @Override
        public String configName() {
            return "background:" + Sizes.format(bytesPerSecond) + "/s";
        }
    }

    String ALLOWED = "eager, eager-firmware, lazy, partial:<size> (e.g. partial:512M), background:<size>/s";

    /** Parses a policy name as {@link #configName()} writes it. */
    static AcceptancePolicy parse(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.startsWith("partial:")) {
                return new PartialPreAccept(Sizes.parse(t.substring("partial:".length())));
            }
            if (t.startsWith("background:") && t.endsWith("/s")) {
                return new Background(Sizes.parse(t.substring("background:".length(), t.length() - 2)));
            }
        } catch (BadInputException | IllegalArgumentException e) {
            throw new BadInputException("policy '" + text + "': " + e.getMessage() + "; allowed " + ALLOWED);
        }
        return switch (t) {
            case "eager" -> new Eager();
            case "eager-firmware" -> new EagerFirmware();
            case "lazy" -> new Lazy();
            default -> throw new BadInputException("policy '" + text + "': allowed " + ALLOWED);
        };
    }
}
