package dev.fleetsim.guest.actor;

import dev.fleetsim.host.actor.HostRack;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One VM's boot, as a child actor of its host's rack (so on the node that runs the host, next to it): it runs the
 * guest model once, from firmware to workload, to get the VM's whole life as steps, hands them to the rack as the
 * host's admission and stops. From then on the VM is the host's to run. Racks boot a window's guests in parallel,
 * and a guest holds no memory between its boot and its end, which is what lets a node carry a million VMs.
 */
public final class GuestActor {

    private GuestActor() {
    }

    /** The {@link HostRack.GuestLauncher} racks boot their guests with. */
    public static Behavior<Void> boot(HostRack.Placement placement, ActorRef<HostRack.Command> rack) {
        return Behaviors.setup(ctx -> {
            rack.tell(new HostRack.Admit(placement.hostId(), placement.guest().admission()));
            return Behaviors.stopped();
        });
    }
}
