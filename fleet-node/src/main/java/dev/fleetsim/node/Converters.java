package dev.fleetsim.node;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import picocli.CommandLine;

/** How flags spell fleetsim's values: sizes as 64G, policies and platforms by their study names. */
final class Converters {

    private Converters() {
    }

    static void register(CommandLine cli) {
        cli.registerConverter(AcceptancePolicy.class, AcceptancePolicy::parse);
        cli.registerConverter(Platform.class, Platform::parse);
        cli.registerConverter(PageSize.class, PageSize::parse);
        cli.registerConverter(SizeArg.class, text -> new SizeArg(Sizes.parse(text)));
    }

    /** A byte size given on the command line. */
    record SizeArg(long bytes) {
    }
}
