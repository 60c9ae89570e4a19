package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.actor.ClusterAddresses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How a node and a client are told their own address, the seed nodes' and whether to bootstrap. */
class NodeAddressesTest {

    @Test
    void seedNamesResolveToTheAddressesMembersAdvertise() {
        assertEquals(List.of(new Address("pekko", "fleetsim", "127.0.0.1", 2551),
                        new Address("pekko", "fleetsim", "127.0.0.9", 2552)),
                ClusterAddresses.members(List.of("localhost:2551", " 127.0.0.9:2552"), "--cluster"));
    }

    @Test
    void ownAddressMustBeAnIpAddress() {
        assertEquals("127.0.0.3", ClusterAddresses.requireIp("127.0.0.3", "--host"));
        assertEquals("0:0:0:0:0:0:0:1", ClusterAddresses.requireIp("::1", "--host"));
        BadInputException name = assertThrows(BadInputException.class,
                () -> ClusterAddresses.requireIp("fleetsim-0.fleetsim", "--host"));
        assertEquals("--host: an IP address is needed (on Kubernetes the pod IP, which API discovery reports), "
                + "was fleetsim-0.fleetsim", name.getMessage());
    }

    @Test
    void nodeGivenANameForItsAddressExitsWithOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = FleetsimCommand.commandLine();
        cli.getSubcommands().get("node").setErr(new PrintWriter(err));
        assertEquals(FleetsimCommand.BAD_INPUT, cli.execute("node", "--host", "fleetsim-0.fleetsim"));
        assertEquals("fleetsim node: --host: an IP address is needed (on Kubernetes the pod IP, which API discovery "
                + "reports), was fleetsim-0.fleetsim", err.toString().strip());
    }

    @Test
    void badSeedIsNamedWithItsOption() {
        assertEquals("--seed-nodes: expected host:port, was 127.0.0.1",
                assertThrows(BadInputException.class,
                        () -> ClusterAddresses.members(List.of("127.0.0.1"), "--seed-nodes")).getMessage());
        assertEquals("--cluster: unknown host no-such-host.invalid",
                assertThrows(BadInputException.class,
                        () -> ClusterAddresses.members(List.of("no-such-host.invalid:2551"), "--cluster"))
                        .getMessage());
    }

    @Test
    void bootstrapFlagMeansOnWhateverItsDefault() {
        assertEquals(true, parse("false", "--bootstrap").bootstrap);
        assertEquals(true, parse("true", "--bootstrap").bootstrap,
                "the StatefulSet's --bootstrap with FLEETSIM_BOOTSTRAP=true is on, not toggled off");
        assertEquals(false, parse("true", "--bootstrap=false").bootstrap);
        assertEquals(true, parse("true").bootstrap);
        assertEquals(false, parse("false").bootstrap);
    }

    /** {@code args} parsed with FLEETSIM_BOOTSTRAP's value as the default of --bootstrap. */
    private static NodeCommand parse(String bootstrapDefault, String... args) {
        NodeCommand node = new NodeCommand();
        new CommandLine(node).setDefaultValueProvider(
                arg -> arg.isOption() && ((CommandLine.Model.OptionSpec) arg).longestName().equals("--bootstrap")
                        ? bootstrapDefault : null).parseArgs(args);
        return node;
    }
}
