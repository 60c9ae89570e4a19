package dev.fleetsim.node;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.Names;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import java.util.function.Function;
import picocli.CommandLine;

/** How flags spell fleetsim's values: sizes as 64G, policies and platforms by their study names. */
final class Converters {

    private Converters() {
    }

    static void register(CommandLine cli) {
        cli.registerConverter(AcceptancePolicy.class, text -> converted(text, AcceptancePolicy::parse));
        cli.registerConverter(Platform.class, text -> converted(text, Names.of(Platform.class)::parse));
        cli.registerConverter(PageSize.class, text -> converted(text, PageSize::parse));
        cli.registerConverter(SizeArg.class, text -> new SizeArg(converted(text, Sizes::parse)));
    }

    /** The parser's own message as picocli's, so a bad flag reads "Invalid value for option '--memory': ...". */
    private static <T> T converted(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (BadInputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** A byte size given on the command line. */
    record SizeArg(long bytes) {
    }
}
