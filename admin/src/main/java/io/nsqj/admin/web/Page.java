package io.nsqj.admin.web;

import io.nsqj.admin.cluster.ClusterSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * What every page's frame shows: its title, the navigation tab it belongs to, the outcome of the action that led
 * here, and the daemons that did not answer (the page shows what the others said).
 */
public record Page(String title, String tab, String message, List<String> warnings) {

    static Page of(String title, String tab, String message, ClusterSnapshot cluster) {
        List<String> warnings = new ArrayList<>();
        cluster.downLookupds().forEach(l -> warnings.add("lookupd " + l.address() + " is down: " + l.error()));
        cluster.downNodes().forEach(n -> warnings.add("nsqd " + n.node() + " is down: " + n.error()));
        return new Page(title, tab, message == null ? "" : message, warnings);
    }
}
