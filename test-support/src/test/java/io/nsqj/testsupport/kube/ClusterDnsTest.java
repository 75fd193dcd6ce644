package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterDnsTest {
    @TempDir
    Path dir;

    private static Pod pod(String name, String ip, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", "lookupd")).endMetadata()
                .withNewSpec().withHostname(name).withSubdomain("lookupd").endSpec()
                .withNewStatus().withPodIP(ip).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus().build();
    }

    private static Service service(String name, String clusterIp, boolean publishNotReady) {
        return new ServiceBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withClusterIP(clusterIp).withSelector(Map.of("app", "lookupd"))
                .withPublishNotReadyAddresses(publishNotReady).endSpec().build();
    }

    /** The addresses the hosts file gives {@code name}, in order. */
    private List<String> addresses(ClusterDns dns, String name) throws IOException {
        return Files.readAllLines(dns.hostsFile()).stream().map(l -> l.split("\\s+"))
                .filter(f -> Arrays.asList(f).subList(1, f.length).contains(name)).map(f -> f[0]).toList();
    }

    @Test
    void aHeadlessServiceNamesEveryReadyPodItSelects() throws IOException {
        ClusterDns dns = new ClusterDns(dir.resolve("hosts"), "nsq");
        dns.sync(List.of(service("lookupd", "None", false)),
                List.of(pod("lookupd-0", "127.0.0.2", true), pod("lookupd-1", "127.0.0.3", false),
                        pod("lookupd-2", "127.0.0.4", true)));
        for (String name : List.of("lookupd.nsq.svc.cluster.local", "lookupd.nsq.svc", "lookupd.nsq", "lookupd")) {
            assertEquals(List.of("127.0.0.2", "127.0.0.4"), addresses(dns, name), name);
        }
    }

    @Test
    void publishNotReadyAddressesNamesPodsBeforeTheyAreReady() throws IOException {
        ClusterDns dns = new ClusterDns(dir.resolve("hosts"), "nsq");
        dns.sync(List.of(service("lookupd", "None", true)),
                List.of(pod("lookupd-0", "127.0.0.2", false), pod("lookupd-1", "127.0.0.3", true)));
        assertEquals(List.of("127.0.0.2", "127.0.0.3"), addresses(dns, "lookupd.nsq.svc.cluster.local"));
    }

    @Test
    void eachPodIsNamedByItsHostnameUnderTheHeadlessServiceOfItsSubdomain() throws IOException {
        ClusterDns dns = new ClusterDns(dir.resolve("hosts"), "nsq");
        dns.sync(List.of(service("lookupd", "None", false)),
                List.of(pod("lookupd-0", "127.0.0.2", true), pod("lookupd-1", "127.0.0.3", false)));
        assertEquals(List.of("127.0.0.2"), addresses(dns, "lookupd-0.lookupd.nsq.svc.cluster.local"));
        assertEquals(List.of("127.0.0.2"), addresses(dns, "lookupd-0.lookupd.nsq.svc"));
        assertEquals(List.of(), addresses(dns, "lookupd-1.lookupd.nsq.svc.cluster.local"));
    }

    @Test
    void aServiceWithAClusterIpNamesOneReadyPod() throws IOException {
        ClusterDns dns = new ClusterDns(dir.resolve("hosts"), "nsq");
        dns.sync(List.of(service("lookupd-client", "10.0.0.1", false)),
                List.of(pod("lookupd-0", "127.0.0.2", false), pod("lookupd-1", "127.0.0.3", true),
                        pod("lookupd-2", "127.0.0.4", true)));
        assertEquals(List.of("127.0.0.3"), addresses(dns, "lookupd-client.nsq.svc.cluster.local"));
        assertEquals(List.of(), addresses(dns, "lookupd-1.lookupd-client.nsq.svc.cluster.local"));
    }

    @Test
    void clustersSharingAHostsFileKeepEachOthersRecords() throws IOException {
        ClusterDns nsq = new ClusterDns(dir.resolve("hosts"), "nsq");
        ClusterDns other = new ClusterDns(dir.resolve("hosts"), "other");
        nsq.sync(List.of(service("lookupd", "None", false)), List.of(pod("lookupd-0", "127.0.0.2", true)));
        other.sync(List.of(service("lookupd", "None", false)), List.of(pod("lookupd-0", "127.0.0.3", true)));
        assertEquals(List.of("127.0.0.2"), addresses(nsq, "lookupd.nsq.svc.cluster.local"));
        assertEquals(List.of("127.0.0.3"), addresses(nsq, "lookupd.other.svc.cluster.local"));

        other.close();

        assertEquals(List.of("127.0.0.2"), addresses(nsq, "lookupd.nsq.svc.cluster.local"));
        assertEquals(List.of(), addresses(nsq, "lookupd.other.svc.cluster.local"));
        nsq.close();
    }

    @Test
    void theMachinesOwnNamesStay() throws IOException {
        ClusterDns dns = new ClusterDns(dir.resolve("hosts"), "nsq");
        dns.sync(List.of(), List.of());
        assertTrue(addresses(dns, "localhost").contains("127.0.0.1"));
    }
}
