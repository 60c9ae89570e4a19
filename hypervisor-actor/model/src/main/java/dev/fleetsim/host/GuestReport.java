package dev.fleetsim.host;

/**
 * What a guest's own bookkeeping came to over its planned life, figures the host has no part in and passes through
 * to the VM's outcome: what tracking unaccepted memory costs and what accepting in whole units wastes.
 *
 * @param bitmapBytes       the unaccepted-memory bitmap the EFI stub allocated (0 when nothing was left unaccepted)
 * @param e820EntriesPeak   the most e820 entries the rejected range-tracking design would have needed at once
 * @param acceptedFreeBytes memory accepted but not in use at the end of the life ({@code MemFree - Unaccepted}):
 *                          what acceptance in larger units, or up front, accepted too much
 * @param memmapBytes       the guest's {@code struct page} array, for all its RAM whether accepted or not
 */
public record GuestReport(long bitmapBytes, int e820EntriesPeak, long acceptedFreeBytes, long memmapBytes) {
}
