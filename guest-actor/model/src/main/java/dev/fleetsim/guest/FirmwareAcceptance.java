package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;

/**
 * What the firmware accepts before it hands over to the OS (TDVF/OVMF; facts sheet section 3.2). The firmware always
 * accepts what it uses itself (legacy low memory and its own region below 4 GiB, see {@link GuestMemoryLayout});
 * this says how much guest RAM it accepts on top, counting physical addresses from zero.
 */
public sealed interface FirmwareAcceptance {

    /** The physical address below which this firmware accepts all RAM. */
    long acceptedBelow();

    /** The non-lazy firmware build: all memory is accepted before the OS runs. */
    record Everything() implements FirmwareAcceptance {
        @Override
        public long acceptedBelow() {
            return Long.MAX_VALUE;
        }
    }

    /** TDVF's lazy build as in its design guide: everything below 4 GiB. */
    record Below4G() implements FirmwareAcceptance {
        @Override
        public long acceptedBelow() {
            return 4 * GIB;
        }
    }

    /** Physical memory below {@code bytes} (e.g. the "typically 512M" of the TDX docs; 0 for nothing extra). */
    record FirstBytes(long bytes) implements FirmwareAcceptance {
        public FirstBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("pre-accepted bytes must be >= 0, was " + bytes);
            }
        }

        @Override
        public long acceptedBelow() {
            return bytes;
        }
    }
}
