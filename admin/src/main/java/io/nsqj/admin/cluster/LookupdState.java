package io.nsqj.admin.cluster;

/** Whether one lookupd answered, and why not when it did not. */
public record LookupdState(String address, boolean up, String error) {
}
