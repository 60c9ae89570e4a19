package dev.fleetsim.node.actor;

import dev.fleetsim.host.BadInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pekko.actor.Address;

/**
 * Members bind and advertise IP addresses; seed nodes may be given by name, resolved once, at start. Artery drops
 * a message whose recipient names its node differently from how the node names itself, so a seed given as a DNS
 * name (a StatefulSet pod's {@code fleetsim-0.fleetsim}, or {@code localhost}) must become the address that node
 * advertises: its pod IP.
 */
public final class ClusterAddresses {

    // an IPv4 literal, or an IPv6 one (which has colons); a name has neither form
    private static final Pattern IP = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ClusterAddresses() {
    }

    /**
     * {@code host} if it is an IP address: what a member binds and advertises. A name is refused rather than
     * resolved, since other members, and Kubernetes API discovery, know a member by its address only.
     */
    public static String requireIp(String host, String option) {
        if (!IP.matcher(host).matches()) {
            throw new BadInputException(option + ": an IP address is needed (on Kubernetes the pod IP, "
                    + "which API discovery reports), was " + host);
        }
        return resolve(host, option);
    }

    /** The members at {@code hostPorts} ({@code host:port} each), for the option named {@code option}. */
    public static List<Address> members(List<String> hostPorts, String option) {
        return hostPorts.stream().map(hostPort -> member(hostPort.trim(), option)).toList();
    }

    private static Address member(String hostPort, String option) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || !hostPort.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new BadInputException(option + ": expected host:port, was " + hostPort);
        }
        return new Address("pekko", Guardian.SYSTEM_NAME, resolve(hostPort.substring(0, colon), option),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String resolve(String host, String option) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new BadInputException(option + ": unknown host " + host);
        }
    }
}
