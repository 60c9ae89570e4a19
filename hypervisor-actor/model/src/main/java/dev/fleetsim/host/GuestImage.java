package dev.fleetsim.host;

/**
 * A guest as a host is handed it before boot: whatever, run, yields the VM's admission (its whole life as steps).
 * The guest model implements it; the host side only asks for the admission.
 */
public interface GuestImage {

    HostSimulation.Admission admission();
}
