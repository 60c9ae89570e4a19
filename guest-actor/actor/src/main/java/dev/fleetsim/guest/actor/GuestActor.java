package dev.fleetsim.guest.actor;

import dev.fleetsim.host.actor.HostRack;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A window's guest boots for one rack, as a child actor of the rack (so on the node that runs the hosts, next to
 * them): for each guest placed on the rack in the window it runs the guest model once, from firmware to workload,
 * to get the VM's whole life as steps; it hands the rack all the admissions in one message and stops. From then on
 * each VM is its host's to run. Racks boot their guests in parallel, and a guest holds no memory between
 * its boot and its end, which is what lets a node carry a million VMs. A guest that cannot boot fails the window:
 * the rack hears why.
 */
public final class GuestActor {

    private GuestActor() {
    }

    /** The {@link HostRack.GuestLauncher} racks boot their guests with. */
    public static Behavior<Void> boot(List<HostRack.Placement> placements, ActorRef<HostRack.Command> rack) {
        return Behaviors.setup(ctx -> {
            try {
                rack.tell(new HostRack.Admit(placements.stream()
                        .map(p -> new HostRack.BootedGuest(p.hostId(), p.guest().admission())).toList()));
            } catch (RuntimeException e) {
                // a child that failed would only stop, and its rack would wait for the window's guests forever
                rack.tell(HostRack.BootFailed.of(e));
            }
            return Behaviors.stopped();
        });
    }
}
